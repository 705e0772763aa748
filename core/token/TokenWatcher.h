#pragma once

#include "token/Pkcs11Module.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace certdesk::token {

// Hot-plug detection by polling (C_WaitForSlotEvent is unsupported or blocking in most modules). Each poll
// enumerates the tokens of every module and compares with the previous poll by TokenInfo::identity().
// QtCore only, lives on the thread that created it; C_GetSlotList/C_GetTokenInfo are quick on common UKeys,
// and a slow vendor module can be polled from a worker thread by moving the watcher there.
class TokenWatcher : public QObject
{
    Q_OBJECT

public:
    explicit TokenWatcher(QList<Pkcs11Module> modules, QObject* parent = nullptr);

    void setInterval(std::chrono::milliseconds interval);
    [[nodiscard]] std::chrono::milliseconds interval() const;
    // Polls once now (so the first tokens show at once), then every interval().
    void start();
    void stop();
    [[nodiscard]] bool isActive() const { return m_timer.isActive(); }

    // The tokens as of the last poll.
    [[nodiscard]] const QList<TokenInfo>& tokens() const { return m_tokens; }

public Q_SLOTS:
    // One poll now. A module whose enumeration fails keeps its previous tokens (a token pulled during the
    // enumeration is reported by the next poll) and emits moduleError.
    void poll();

Q_SIGNALS:
    void tokenInserted(const certdesk::token::TokenInfo& token);
    void tokenRemoved(const certdesk::token::TokenInfo& token);
    void moduleError(const QString& modulePath, const certdesk::token::TokenError& error);

private:
    QList<Pkcs11Module> m_modules;
    QList<TokenInfo> m_tokens;
    QTimer m_timer;
};

} // namespace certdesk::token
