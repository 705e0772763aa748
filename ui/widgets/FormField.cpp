#include "widgets/FormField.h"

#include "widgets/Announce.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace certdesk::ui {

FormField::FormField(
    const QString& apiPath, const QString& label, const QString& hint, bool required, QWidget* parent)
    : QWidget(parent)
    , m_apiPath(apiPath)
    , m_hintText(hint)
    , m_required(required)
    , m_label(new QLabel(this))
    , m_edit(new QLineEdit(this))
    , m_hint(new QLabel(this))
    , m_error(new QLabel(this))
{
    const QString objectBase = QString(apiPath).replace(QLatin1Char('.'), QLatin1Char('_'));
    setObjectName(QStringLiteral("field_") + objectBase);
    m_edit->setObjectName(QStringLiteral("edit_") + objectBase);
    m_error->setObjectName(QStringLiteral("error_") + objectBase);
    m_error->setAccessibleDescription(tr("Error in %1").arg(label));

    m_label->setText(required
            ? QStringLiteral("<span style='color:#c62828'>*</span> %1").arg(label.toHtmlEscaped())
            : label.toHtmlEscaped());
    m_label->setTextFormat(Qt::RichText);
    m_label->setBuddy(m_edit);
    m_edit->setPlaceholderText(hint);
    m_edit->setAccessibleName(label);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_hint->setVisible(false);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_label);
    m_inputRow = new QHBoxLayout;
    m_inputRow->addWidget(m_edit, 1);
    layout->addLayout(m_inputRow);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);

    connect(m_edit, &QLineEdit::textEdited, this, &FormField::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &FormField::editingFinished);
    connect(m_error, &QLabel::linkActivated, this,
        [this](const QString& link) { Q_EMIT helpRequested(link.section(QLatin1Char(':'), 1)); });
    updateAccessibility();
}

QString FormField::text() const
{
    return m_edit->text();
}

void FormField::setText(const QString& text)
{
    if (m_edit->text() != text)
        m_edit->setText(text);
}

void FormField::fill(const QString& text)
{
    setText(text);
    Q_EMIT edited(text);
    Q_EMIT editingFinished();
}

void FormField::setError(const QString& message, const QString& helpTopic)
{
    if (m_errorText == message && m_error->property("topic").toString() == helpTopic)
        return;
    const bool appeared = m_errorText.isEmpty() && !message.isEmpty();
    m_errorText = message;
    m_error->setProperty("topic", helpTopic);
    if (helpTopic.isEmpty()) {
        m_error->setTextFormat(Qt::PlainText);
        m_error->setText(message);
    } else {
        m_error->setTextFormat(Qt::RichText);
        m_error->setText(QStringLiteral("%1 <a href='help:%2'>%3</a>")
                             .arg(message.toHtmlEscaped(), helpTopic, tr("What can I do?").toHtmlEscaped()));
    }
    m_error->setVisible(!message.isEmpty());
    m_edit->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("border: 1px solid #c62828;"));
    updateAccessibility();
    // An error is announced when it appears (the error line is the field's live region), not at every key
    // while the person corrects it; its text is also the input's accessible description, so it is read
    // again whenever the field takes the focus.
    if (appeared)
        announceAlert(m_error);
}

void FormField::addTrailingWidget(QWidget* widget)
{
    m_inputRow->addWidget(widget);
}

void FormField::setNote(const QString& note)
{
    m_hint->setText(note);
    m_hint->setVisible(!note.isEmpty());
    m_hintText = note.isEmpty() ? m_edit->placeholderText() : note;
    updateAccessibility();
}

void FormField::updateAccessibility()
{
    m_edit->setAccessibleDescription(m_errorText.isEmpty() ? m_hintText : m_errorText);
}

} // namespace certdesk::ui
