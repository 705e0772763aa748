#pragma once

#include "print/PrintResult.h"

#include <QString>
#include <QStringList>
#include <QUrl>

class QWidget;

namespace certdesk::documents {
class ScanSource;
}
namespace certdesk::print {
class PrintedForm;
}

namespace certdesk::ui {

// Everything in the application centre that waits on a person or on the desktop sits behind one of these
// small interfaces (STYLE.md): the widgets never open QFileDialog, QPrintDialog or QMessageBox themselves.
// The Qt implementations are in QtCentreServices.h; tests pass fakes.

// Choosing files to read or write. An empty string means the person cancelled.
class FileChooser
{
public:
    virtual ~FileChooser() = default;
    // `nameFilters` as QFileDialog takes them ("Images (*.jpg *.png)").
    [[nodiscard]] virtual QString openFile(
        QWidget* parent, const QString& title, const QStringList& nameFilters)
        = 0;
    // `suggestedName` is a file name without a directory; the implementation picks the folder.
    [[nodiscard]] virtual QString saveFile(
        QWidget* parent, const QString& title, const QString& suggestedName, const QString& nameFilter)
        = 0;
};

// Printing a form: a preview window (from which the person may print) or straight to a printer chosen in the
// print dialog. Results say Ok also when the person closed the dialog without printing; `printed` tells.
class PrintService
{
public:
    struct Outcome
    {
        print::PrintResult result;
        bool printed = false;
    };
    virtual ~PrintService() = default;
    [[nodiscard]] virtual Outcome preview(QWidget* parent, const print::PrintedForm& form) = 0;
    [[nodiscard]] virtual Outcome print(QWidget* parent, const print::PrintedForm& form) = 0;
};

// Messages and questions to the person, and opening a link in the browser.
class Notifier
{
public:
    virtual ~Notifier() = default;
    virtual void information(QWidget* parent, const QString& title, const QString& text) = 0;
    virtual void warning(QWidget* parent, const QString& title, const QString& text) = 0;
    // True when the person agreed.
    [[nodiscard]] virtual bool confirm(QWidget* parent, const QString& title, const QString& text) = 0;
    // False when nothing could open it.
    virtual bool openUrl(const QUrl& url) = 0;
};

// Polling of the service (liveness and payment status): first after `firstMs`, each next wait `factor` times
// longer, never longer than `maxMs`. Tests shorten it.
struct PollSchedule
{
    int firstMs = 2000;
    int maxMs = 10000;
    double factor = 1.5;
};

// What the centre's pages use besides the API client. The pointers are not owned and must outlive the centre;
// `files` and `scanner` may be null (no file access / no scanner), the others must be set.
struct CentreServices
{
    FileChooser* files = nullptr;
    PrintService* printer = nullptr;
    Notifier* notifier = nullptr;
    documents::ScanSource* scanner = nullptr;
    // Kiosk: no file system access (no file chooser, no drag and drop, no PDF saving), scanner only.
    bool kiosk = false;
    // Training mode: the sandbox service's pages may be opened from the QR codes.
    bool sandbox = false;
    PollSchedule poll;
};

} // namespace certdesk::ui
