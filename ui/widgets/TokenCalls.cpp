#include "widgets/TokenCalls.h"

namespace certdesk::ui {

TokenCalls::TokenCalls(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_outstanding > 0)
            Q_EMIT notAnswering();
    });
}

void TokenCalls::cancel()
{
    ++m_generation;
    m_outstanding = 0;
    m_timer.stop();
}

} // namespace certdesk::ui
