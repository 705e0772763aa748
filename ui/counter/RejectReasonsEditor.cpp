#include "counter/RejectReasonsEditor.h"

#include "centre/StatusPage.h"
#include "counter/ApplicationDetails.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace certdesk::ui {

RejectReasonsEditor::RejectReasonsEditor(const RegionModel& regions, QWidget* parent)
    : QWidget(parent)
    , m_regions(regions)
    , m_target(new QComboBox(this))
    , m_message(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add reason"), this))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove reason"), this))
{
    setObjectName(QStringLiteral("rejectReasonsEditor"));
    m_target->setObjectName(QStringLiteral("rejectTargetCombo"));
    m_target->setAccessibleName(tr("Field or document the reason points at"));
    m_message->setObjectName(QStringLiteral("rejectMessageEdit"));
    m_message->setAccessibleName(tr("What is wrong and how to fix it"));
    m_message->setPlaceholderText(tr("What is wrong and how to fix it"));
    m_message->setMaxLength(1000);
    m_add->setObjectName(QStringLiteral("addRejectReasonButton"));
    m_add->setAccessibleName(tr("Add reason"));
    m_list->setObjectName(QStringLiteral("rejectReasonList"));
    m_list->setAccessibleName(tr("Reasons of the rejection"));
    m_list->setMaximumHeight(72);
    m_remove->setObjectName(QStringLiteral("removeRejectReasonButton"));
    m_remove->setAccessibleName(tr("Remove the chosen reason"));

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Points at:"), this), 0, 0);
    layout->addWidget(m_target, 0, 1);
    layout->addWidget(m_message, 0, 2);
    layout->addWidget(m_add, 0, 3);
    layout->addWidget(m_list, 1, 0, 1, 3);
    layout->addWidget(m_remove, 1, 3, Qt::AlignTop);
    layout->setColumnStretch(2, 1);

    connect(m_add, &QPushButton::clicked, this, &RejectReasonsEditor::addFromInputs);
    connect(m_message, &QLineEdit::returnPressed, this, &RejectReasonsEditor::addFromInputs);
    connect(m_remove, &QPushButton::clicked, this, &RejectReasonsEditor::removeSelected);
    connect(m_message, &QLineEdit::textChanged, this,
        [this] { m_add->setEnabled(!m_message->text().trimmed().isEmpty()); });
    m_add->setEnabled(false);
}

void RejectReasonsEditor::setApplication(const Application& application)
{
    m_category = application.category;
    m_target->clear();
    for (const ApplicationFieldRow& t : rejectionTargets(application, m_regions))
        m_target->addItem(t.label, t.target);
    m_reasons.clear();
    m_message->clear();
    rebuildList();
}

void RejectReasonsEditor::clear()
{
    m_target->clear();
    m_message->clear();
    m_reasons.clear();
    rebuildList();
}

bool RejectReasonsEditor::addReason(const QString& target, const QString& message)
{
    const QString text = message.trimmed();
    if (text.isEmpty() || m_target->findData(target) < 0)
        return false;
    m_reasons.append({target, text});
    rebuildList();
    return true;
}

void RejectReasonsEditor::addFromInputs()
{
    if (addReason(m_target->currentData().toString(), m_message->text())) {
        m_message->clear();
        m_message->setFocus();
    }
}

void RejectReasonsEditor::removeSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_reasons.size())
        return;
    m_reasons.removeAt(row);
    rebuildList();
}

void RejectReasonsEditor::rebuildList()
{
    m_list->clear();
    for (const RejectionReason& r : std::as_const(m_reasons))
        m_list->addItem(tr("%1: %2").arg(rejectionTargetLabel(r.target, m_category), r.message));
    m_remove->setEnabled(!m_reasons.isEmpty());
    Q_EMIT changed();
}

} // namespace certdesk::ui
