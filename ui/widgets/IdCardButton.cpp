#include "widgets/IdCardButton.h"

#include "idcard/IdCardReader.h"
#include "widgets/Announce.h"
#include "widgets/RunAsync.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace certdesk::ui {

IdCardButton::IdCardButton(const QString& who, const QString& objectSuffix, QWidget* parent)
    : QWidget(parent)
    , m_button(new QPushButton(tr("Read ID card"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("idCard_") + objectSuffix);
    m_button->setObjectName(QStringLiteral("idCardButton_") + objectSuffix);
    m_button->setAccessibleName(tr("Read ID card"));
    m_button->setAccessibleDescription(
        tr("Fills in the %1's name and ID number from the ID card on the reader").arg(who));
    m_button->setAutoDefault(false);
    m_button->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_status->setObjectName(QStringLiteral("idCardStatus_") + objectSuffix);
    m_status->setWordWrap(true);
    m_status->setAccessibleDescription(tr("Result of reading the ID card"));
    m_status->setVisible(false);
    // The message beside the button, taking the rest of the line (wrapped text under a button in a grid cell
    // gets no height for its second line).
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button, 0, Qt::AlignTop);
    layout->addWidget(m_status, 1);
    layout->addStretch(); // keeps the button on the left while there is no message
    connect(m_button, &QPushButton::clicked, this, &IdCardButton::read);
}

void IdCardButton::read()
{
    if (m_busy)
        return;
    if (!m_reader) {
        finish(++m_generation,
            idcard::IdCardError {idcard::IdCardStatus::NoReader, QStringLiteral("no reader")});
        return;
    }
    m_busy = true;
    m_button->setEnabled(false);
    m_status->setStyleSheet(QString());
    announce(m_status, tr("Reading the ID card..."));
    const int generation = ++m_generation;
    // The job shares the reader, so it may outlive this widget (a vendor library that hangs).
    std::shared_ptr<idcard::IdCardReader> reader = m_reader;
    runAsync(
        this, [reader] { return reader->read(); },
        [this, generation](const idcard::IdCardResult<idcard::IdCardInfo>& r) { finish(generation, r); });
    QTimer::singleShot(m_timeoutMs, this, [this, generation] {
        if (m_busy && generation == m_generation)
            finish(generation,
                idcard::IdCardError {idcard::IdCardStatus::NotResponding, QStringLiteral("read timed out")});
    });
}

void IdCardButton::finish(int generation, const idcard::IdCardResult<idcard::IdCardInfo>& result)
{
    if (generation != m_generation)
        return; // a read given up on answered after all
    ++m_generation;
    m_busy = false;
    m_button->setEnabled(true);
    if (!result.hasValue()) {
        m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
        announce(m_status, result.error().message());
        return;
    }
    m_status->setStyleSheet(QString());
    announce(m_status, tr("The ID card was read: name and ID number filled in. Check them."));
    Q_EMIT cardRead(result->name, result->idNumber);
}

} // namespace certdesk::ui
