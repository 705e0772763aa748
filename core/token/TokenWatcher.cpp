#include "token/TokenWatcher.h"

#include <QSet>

namespace certdesk::token {

QString TokenInfo::identity() const
{
    return modulePath + QLatin1Char('\n') + QString::number(slotId) + QLatin1Char('\n') + serialNumber
        + QLatin1Char('\n') + label;
}

TokenWatcher::TokenWatcher(QList<Pkcs11Module> modules, QObject* parent)
    : QObject(parent)
    , m_modules(std::move(modules))
{
    m_timer.setInterval(std::chrono::milliseconds(1000));
    connect(&m_timer, &QTimer::timeout, this, &TokenWatcher::poll);
}

void TokenWatcher::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

std::chrono::milliseconds TokenWatcher::interval() const
{
    return m_timer.intervalAsDuration();
}

void TokenWatcher::start()
{
    poll();
    m_timer.start();
}

void TokenWatcher::stop()
{
    m_timer.stop();
}

void TokenWatcher::poll()
{
    QList<TokenInfo> current;
    for (const Pkcs11Module& module : std::as_const(m_modules)) {
        TokenResult<QList<TokenInfo>> tokens = module.tokens();
        if (tokens) {
            current.append(*tokens);
            continue;
        }
        for (const TokenInfo& previous : std::as_const(m_tokens))
            if (previous.modulePath == module.path())
                current.append(previous);
        Q_EMIT moduleError(module.path(), tokens.error());
    }
    QSet<QString> before;
    for (const TokenInfo& token : std::as_const(m_tokens))
        before.insert(token.identity());
    QSet<QString> after;
    for (const TokenInfo& token : std::as_const(current))
        after.insert(token.identity());
    const QList<TokenInfo> previous = std::exchange(m_tokens, current);
    for (const TokenInfo& token : previous)
        if (!after.contains(token.identity()))
            Q_EMIT tokenRemoved(token);
    for (const TokenInfo& token : std::as_const(m_tokens))
        if (!before.contains(token.identity()))
            Q_EMIT tokenInserted(token);
}

} // namespace certdesk::token
