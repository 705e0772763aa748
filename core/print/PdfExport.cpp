#include "print/PdfExport.h"

#include "print/FormPainter.h"
#include "print/LetterLayout.h"
#include "print/PdfTextLayer.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QPdfWriter>
#include <QSaveFile>

namespace certdesk::print {

namespace {

constexpr int kPdfDpi = 300;

const QHash<char16_t, char16_t>& radicalEquivalents()
{
    // Computed once per process from the fonts the forms use (about 21 000 cmap look-ups).
    static const QHash<char16_t, char16_t> equivalents
        = PdfTextLayer::radicalEquivalents(FormPainter::baseFont());
    return equivalents;
}

} // namespace

PrintResult renderPdf(const PrintedForm& form, QIODevice* device)
{
    if (PrintResult valid = form.validate(); !valid)
        return valid;
    if (!device)
        return {PrintStatus::CannotOpenOutput, QStringLiteral("no output device")};
    if (!device->isOpen() && !device->open(QIODevice::WriteOnly))
        return {PrintStatus::CannotOpenOutput,
            QStringLiteral("cannot open the output device: ") + device->errorString()};
    if (!device->isWritable())
        return {PrintStatus::CannotOpenOutput, QStringLiteral("the output device is not writable")};

    // Written to memory first: the text layer is repaired before anything reaches the device.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kPdfDpi);
        writer.setTitle(form.title());
        writer.setCreator(QStringLiteral("CertDesk ") + QCoreApplication::applicationVersion());
        // Fonts: QPdfWriter embeds every font it draws with (CID TrueType, with a ToUnicode map), so the text
        // stays searchable and prints identically where the font is not installed.
        if (PrintResult printed = form.print(writer); !printed)
            return printed;
    }
    QByteArray pdf = buffer.buffer();
    PdfTextLayer::repairRadicals(pdf, radicalEquivalents());
    if (device->write(pdf) != pdf.size())
        return {
            PrintStatus::CannotOpenOutput, QStringLiteral("cannot write the PDF: ") + device->errorString()};
    return {};
}

PrintResult renderPdf(const PrintedForm& form, const QString& path)
{
    if (PrintResult valid = form.validate(); !valid)
        return valid;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        // The path stays out of the detail: a file name may carry a person's name.
        return {
            PrintStatus::CannotOpenOutput, QStringLiteral("cannot open the PDF file: ") + file.errorString()};
    const PrintResult result = renderPdf(form, static_cast<QIODevice*>(&file));
    if (!result) {
        file.cancelWriting();
        return result;
    }
    if (!file.commit())
        return {PrintStatus::CannotOpenOutput,
            QStringLiteral("cannot write the PDF file: ") + file.errorString()};
    return {};
}

PrintResult renderLetterPdf(const Application& application, const QString& path, const FormOptions& options)
{
    return renderPdf(LetterLayout(application, options), path);
}

PrintResult renderLetterPdf(const Application& application, QIODevice* device, const FormOptions& options)
{
    return renderPdf(LetterLayout(application, options), device);
}

PrintResult renderESealFormPdf(
    const Application& application, const QString& path, const FormOptions& options)
{
    return renderPdf(ESealFormLayout(application, options), path);
}

PrintResult renderESealFormPdf(const Application& application, QIODevice* device, const FormOptions& options)
{
    return renderPdf(ESealFormLayout(application, options), device);
}

} // namespace certdesk::print
