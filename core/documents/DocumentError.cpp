#include "documents/DocumentError.h"

#include "domain/CaContact.h"

#include <QCoreApplication>

namespace certdesk::documents {

namespace {

QString megabytes(qint64 bytes)
{
    // 5242880 -> "5"; 1.5 MiB -> "1.5". MB here means MiB, as the service counts it.
    const double mb = double(bytes) / (1024.0 * 1024.0);
    return QString::number(mb, 'g', 3);
}

} // namespace

QString documentStatusMessage(DocumentStatus status, qint64 limitBytes)
{
    switch (status) {
    case DocumentStatus::Ok:
        return {};
    case DocumentStatus::Cancelled:
        return QCoreApplication::translate("certdesk::Documents", "Cancelled.");
    case DocumentStatus::CannotRead:
        return QCoreApplication::translate("certdesk::Documents",
            "The file could not be read. Check that it still exists and that you may open it, then choose it "
            "again.");
    case DocumentStatus::Empty:
        return QCoreApplication::translate(
            "certdesk::Documents", "The file is empty. Choose the scan or photo of the document.");
    case DocumentStatus::FileTooLarge:
        return QCoreApplication::translate("certdesk::Documents",
            "The file is far too large for a document scan (over %1 MB). Scan the document again at 200 to "
            "300 dpi.")
            .arg(megabytes(limitBytes));
    case DocumentStatus::UnsupportedType:
        return QCoreApplication::translate("certdesk::Documents",
            "This file is not a picture or a PDF, whatever its name says (it may be a program or another "
            "kind of "
            "file). Choose a JPG, JPEG, PNG, BMP or GIF picture or a PDF of the document.");
    case DocumentStatus::TypeMismatch:
        return QCoreApplication::translate("certdesk::Documents",
            "The file's name does not match its content (for example a PDF named .jpg). Save the document "
            "again in "
            "its real format and choose that file.");
    case DocumentStatus::CorruptImage:
        return QCoreApplication::translate("certdesk::Documents",
            "The picture cannot be opened: the file is damaged or incomplete. Scan or photograph the "
            "document "
            "again.");
    case DocumentStatus::TooManyPixels:
        return QCoreApplication::translate("certdesk::Documents",
            "The picture has more than 50 million pixels. Scan the document at 200 to 300 dpi, or take the "
            "photo at "
            "a lower resolution.");
    case DocumentStatus::CorruptPdf:
        return QCoreApplication::translate(
            "certdesk::Documents", "The PDF is damaged or incomplete. Save or scan the document again.");
    case DocumentStatus::PdfTooLarge:
        return QCoreApplication::translate("certdesk::Documents",
            "The PDF is larger than %1 MB. Scan the document at a lower resolution, or upload a picture "
            "instead.")
            .arg(megabytes(limitBytes));
    case DocumentStatus::CannotCompress:
        return QCoreApplication::translate("certdesk::Documents",
            "The picture cannot be made smaller than %1 MB and still be legible. Scan the document again in "
            "black "
            "and white or at a lower resolution.")
            .arg(megabytes(limitBytes));
    case DocumentStatus::NoScanner:
        return QCoreApplication::translate(
            "certdesk::Documents", "No scanner was found. Connect the scanner, switch it on and try again.");
    case DocumentStatus::ScannerBusy:
        return QCoreApplication::translate(
            "certdesk::Documents", "The scanner is busy. Wait until it has finished, then try again.");
    case DocumentStatus::ScannerJammed:
        return QCoreApplication::translate(
            "certdesk::Documents", "The paper is jammed in the scanner. Remove it and scan again.");
    case DocumentStatus::ScannerNoPaper:
        return QCoreApplication::translate("certdesk::Documents",
            "There is no paper in the document feeder. Put the document in and scan again.");
    case DocumentStatus::ScannerCoverOpen:
        return QCoreApplication::translate(
            "certdesk::Documents", "The scanner cover is open. Close it and scan again.");
    case DocumentStatus::ScannerAccessDenied:
        return QCoreApplication::translate("certdesk::Documents",
            "This computer may not use the scanner. Ask the administrator for access to the scanner.");
    case DocumentStatus::ScannerNotResponding:
        return QCoreApplication::translate("certdesk::Documents",
            "The scanner stopped responding and the scan was stopped. Switch the scanner off and on again, "
            "then scan again. If this keeps happening, call the hotline %1.")
            .arg(caHotline());
    case DocumentStatus::ScannerDriverCrashed:
        return QCoreApplication::translate("certdesk::Documents",
            "The scanner's driver stopped unexpectedly; nothing you entered was lost. Scan again. If this "
            "keeps "
            "happening, reinstall the scanner's driver or call the hotline %1.")
            .arg(caHotline());
    case DocumentStatus::ScanFailed:
        return QCoreApplication::translate(
            "certdesk::Documents", "The scan failed. Check the scanner and its cable, then try again.");
    }
    return {};
}

} // namespace certdesk::documents
