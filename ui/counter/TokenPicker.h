#pragma once

#include "token/Pkcs11Module.h"
#include "token/TokenTypes.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace certdesk::token {
class TokenWatcher;
}

namespace certdesk::ui {

class CounterSession;

// Which new UKey to program: the tokens of the configured PKCS#11 modules, listed by label (never by slot:
// slots change as readers come and go), updated as keys are plugged in and pulled (TokenWatcher polling).
// A module that cannot be loaded is named with the reason; another module can be added by file.
class TokenPicker : public QWidget
{
    Q_OBJECT
public:
    explicit TokenPicker(CounterSession* session, QWidget* parent = nullptr);
    ~TokenPicker() override;

    // (Re)loads the session's module paths plus the ones added here, and starts watching them.
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
    void rebuild();

    CounterSession* m_session;
    QListWidget* m_list;
    QPushButton* m_rescan;
    QPushButton* m_addModule;
    QLabel* m_status;
    QList<token::Pkcs11Module> m_modules;
    QStringList m_moduleErrors;
    QStringList m_addedPaths;
    token::TokenWatcher* m_watcher = nullptr;
    QList<token::TokenInfo> m_tokens;
    bool m_watching = false;
};

} // namespace certdesk::ui
