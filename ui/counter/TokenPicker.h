#pragma once

#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace certdesk::ui {

class CounterSession;

// Which new UKey to program: the tokens of the configured PKCS#11 modules, listed by label (never by slot:
// slots change as readers come and go), updated as keys are plugged in and pulled (polling every
// services().tokenPollMs). Modules are loaded and polled on their own threads (token::runOnModule), never on
// the GUI thread: a module that cannot be loaded is named with the reason, one that does not answer within
// services().tokenTimeoutMs is named as not answering while the others' UKeys stay listed. Another module can
// be added by file.
class TokenPicker : public QWidget
{
    Q_OBJECT
public:
    explicit TokenPicker(CounterSession* session, QWidget* parent = nullptr);
    ~TokenPicker() override;

    // (Re)reads the session's module paths plus the ones added here, and polls them.
    void reloadModules();
    // Polling on (while the page is shown) or off (while programming, or hidden).
    void setWatching(bool on);
    [[nodiscard]] std::optional<token::TokenInfo> selectedToken() const;
    // Chooses the token with this label; false when it is not listed (or not usable).
    bool selectToken(const QString& label);
    [[nodiscard]] QList<token::TokenInfo> tokens() const { return m_tokens; }
    [[nodiscard]] QListWidget* list() const { return m_list; }
    [[nodiscard]] QString statusText() const;

public Q_SLOTS:
    // Polls the modules now.
    void rescan();
    // Asks for a module file (FileChooser) and adds it to the settings and the list.
    void addModule();

Q_SIGNALS:
    void selectionChanged();
    void tokensChanged();

private:
    // One module as the picker knows it from its last answer.
    struct Watched
    {
        QString path;
        bool answered = false; // at least one poll has come back
        bool loaded = false;
        QString error; // why it could not be loaded (translated)
        QList<token::TokenInfo> tokens; // as of the last poll that could list them
        bool polling = false; // a poll is on its way (a module that hangs is asked once, not again and again)
        QElapsedTimer since; // when that poll was sent
    };

    void poll();
    void rebuild();
    void updateStatus();

    CounterSession* m_session;
    QListWidget* m_list;
    QPushButton* m_rescan;
    QPushButton* m_addModule;
    QLabel* m_status;
    QList<Watched> m_watched;
    QStringList m_addedPaths;
    QList<token::TokenInfo> m_tokens;
    QTimer m_pollTimer;
    QTimer m_slowTimer; // fires when a poll has been out for services().tokenTimeoutMs
    bool m_watching = false;
    bool m_adding = false;
};

} // namespace certdesk::ui
