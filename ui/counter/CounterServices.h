#pragma once

#include "print/MailingLabel.h"

#include <QString>
#include <QStringList>

namespace certdesk::ui {

class FileChooser;
class Notifier;
class PinPrompt;
class PrintService;

// What the counter desk uses besides the API client; everything that waits on a person sits behind one of
// these interfaces (the Qt implementations in the GUI, fakes in tests). The pointers are not owned and must
// outlive the desk; `files` may be null (then no module can be added by file).
struct CounterServices
{
    Notifier* notifier = nullptr;
    PrintService* printer = nullptr;
    FileChooser* files = nullptr;
    PinPrompt* pins = nullptr;
    // PKCS#11 modules offered in the token picker; empty: configuredModulePaths() (installed defaults plus
    // the modules added in the settings).
    QStringList modulePaths;
    // The programming job's rollback journal; empty: the job's default (RollbackJournal::defaultPath()).
    QString journalPath;
    // Hot-plug polling of the token picker.
    int tokenPollMs = 1500;
    // How long a UKey's module may take to answer (poll, PIN state, PIN change) before the desk names it as
    // not answering; the programming job itself is not limited.
    int tokenTimeoutMs = 20000;
    // Printed as the sender on mailing labels (empty name: the CA's default name).
    print::LabelSender sender;
    bool sandbox = false;
};

} // namespace certdesk::ui
