#include "print/PrintResult.h"

#include <QCoreApplication>

namespace certdesk::print {

QString printStatusMessage(PrintStatus status)
{
    switch (status) {
    case PrintStatus::Ok:
        return {};
    case PrintStatus::NotSubmitted:
        return QCoreApplication::translate("certdesk::Print",
            "The form can be printed once the application has been submitted and has an order number.");
    case PrintStatus::CannotOpenOutput:
        return QCoreApplication::translate("certdesk::Print",
            "The PDF file could not be written. Choose another folder or file name and try again.");
    case PrintStatus::PaintFailed:
        return QCoreApplication::translate("certdesk::Print",
            "The form could not be printed. Check that the printer is ready and try again.");
    }
    return {};
}

} // namespace certdesk::print
