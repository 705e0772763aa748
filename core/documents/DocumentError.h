#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>

namespace certdesk::documents {

// Everything that can go wrong between "choose a file / scan" and "bytes ready to upload". Each status has
// one translated message that says what happened and what to do (context "certdesk::Documents").
enum class DocumentStatus
{
    Ok,
    Cancelled, // the person cancelled (cancel flag set)
    CannotRead, // the file is gone or may not be opened
    Empty, // zero bytes
    FileTooLarge, // too big to be a document scan at all (read refused before loading it)
    UnsupportedType, // the bytes are no JPEG/PNG/GIF/BMP/PDF, e.g. a program renamed to .jpg
    TypeMismatch, // the name or the declared type says PDF and the bytes are an image, or the other way round
    CorruptImage, // the header looks right but the picture does not decode (damaged, truncated)
    TooManyPixels, // more than 50 million pixels (refused from the header, before decoding)
    CorruptPdf, // starts like a PDF but is truncated (no %%EOF)
    PdfTooLarge, // a PDF over the service's max_document_bytes (PDFs are never re-encoded)
    CannotCompress, // no legible JPEG under the limit
    NoScanner, // no scanner found, or the named one is not there
    ScannerBusy,
    ScannerJammed,
    ScannerNoPaper, // the document feeder is empty
    ScannerCoverOpen,
    ScannerAccessDenied,
    ScannerNotResponding, // the scanner driver stopped answering; it was stopped (ProcessScanSource)
    ScannerDriverCrashed, // the scanner driver ended its process (ProcessScanSource)
    ScanFailed, // any other scanner failure (I/O error, unsupported frame format, ...)
};

// The translated message for a status. `limitBytes` fills in the limit for PdfTooLarge, CannotCompress and
// FileTooLarge (shown in MB).
[[nodiscard]] QString documentStatusMessage(DocumentStatus status, qint64 limitBytes = 0);

// A failed operation. `detail` is technical English for logs (decoder error, SANE status); never a file's
// content or a person's data.
struct DocumentError
{
    DocumentStatus status = DocumentStatus::ScanFailed;
    QString detail;
    qint64 limitBytes = 0;

    [[nodiscard]] QString message() const { return documentStatusMessage(status, limitBytes); }
};

// A value or a DocumentError (std::expected-like). Implicit conversions on purpose, as in std::expected.
template<typename T>
class [[nodiscard]] DocumentResult
{
public:
    DocumentResult(T value) // NOLINT(google-explicit-constructor)
        : m_value(std::move(value))
    { }
    DocumentResult(DocumentError error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    {
        if (m_error.status == DocumentStatus::Ok)
            m_error.status = DocumentStatus::ScanFailed;
    }

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] DocumentStatus status() const { return m_value ? DocumentStatus::Ok : m_error.status; }
    [[nodiscard]] const DocumentError& error() const { return m_error; }
    [[nodiscard]] QString message() const { return ok() ? QString() : m_error.message(); }

    // Precondition: ok().
    [[nodiscard]] T& value() & { return *m_value; }
    [[nodiscard]] const T& value() const& { return *m_value; }
    [[nodiscard]] T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }

private:
    std::optional<T> m_value;
    DocumentError m_error;
};

} // namespace certdesk::documents
