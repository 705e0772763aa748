#include "kiosk/KioskSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>
#include <memory>

namespace certdesk::ui {

KioskSession::KioskSession(int idleSeconds, int countdownSeconds, Clock clock, QObject* parent)
    : QObject(parent)
    , m_idleSeconds(qMax(10, idleSeconds))
    , m_countdownSeconds(qBound(1, countdownSeconds, qMax(10, idleSeconds)))
    , m_clock(std::move(clock))
    , m_timer(new QTimer(this))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return timer->elapsed(); };
    }
    m_lastActivity = m_clock();
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &KioskSession::tick);
}

void KioskSession::setClock(Clock clock)
{
    m_clock = std::move(clock);
    touch();
}

void KioskSession::start()
{
    QCoreApplication::instance()->installEventFilter(this);
    touch();
    m_timer->start();
}

int KioskSession::remainingSeconds() const
{
    const qint64 idleMs = m_clock() - m_lastActivity;
    return int(qMax<qint64>(0, (qint64(m_idleSeconds) * 1000 - idleMs + 999) / 1000));
}

void KioskSession::touch()
{
    m_lastActivity = m_clock();
    m_expired = false;
    Q_EMIT remainingChanged(m_idleSeconds);
    if (m_counting) {
        m_counting = false;
        Q_EMIT countdownCancelled();
    }
}

void KioskSession::tick()
{
    if (m_expired)
        return;
    const int remaining = remainingSeconds();
    Q_EMIT remainingChanged(remaining);
    if (remaining <= 0) {
        m_expired = true;
        m_counting = false;
        Q_EMIT expired();
        return;
    }
    if (remaining <= m_countdownSeconds) {
        m_counting = true;
        Q_EMIT countdown(remaining);
    }
}

bool KioskSession::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::KeyPress:
    case QEvent::TouchBegin:
    case QEvent::Wheel:
    case QEvent::InputMethod:
        touch();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace certdesk::ui
