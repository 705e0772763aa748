#pragma once

#include <QString>

namespace certdesk::print {

enum class PrintStatus
{
    Ok,
    NotSubmitted, // the application has no id / order number yet: the form must carry both
    CannotOpenOutput, // the PDF file or device cannot be opened for writing
    PaintFailed, // QPainter could not begin on the device (no printer, device refused)
};

// The translated one-line message for a status (context "certdesk::Print").
[[nodiscard]] QString printStatusMessage(PrintStatus status);

// Outcome of printing or exporting a form. `detail` is technical English for logs (a device error); never
// personal data, nor a file path (a file name may carry a person's name).
struct [[nodiscard]] PrintResult
{
    PrintStatus status = PrintStatus::Ok;
    QString detail;

    [[nodiscard]] bool ok() const { return status == PrintStatus::Ok; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] QString message() const { return printStatusMessage(status); }
};

} // namespace certdesk::print
