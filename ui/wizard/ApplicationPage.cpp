#include "wizard/ApplicationPage.h"

#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QLineEdit>

namespace certdesk::ui {

ApplicationPage::ApplicationPage(QWidget* parent)
    : QWizardPage(parent)
{ }

ApplicationWizard* ApplicationPage::appWizard() const
{
    return qobject_cast<ApplicationWizard*>(wizard());
}

void ApplicationPage::initializePage()
{
    if (!appWizard())
        return;
    m_loading = true;
    loadFrom(appWizard()->application());
    m_loading = false;
    // Fields that already hold something (a resumed draft) show their problems at once.
    for (FormField* f : std::as_const(m_fields)) {
        if (!f->text().isEmpty())
            m_touched.insert(f->apiPath());
    }
    refreshErrors(false);
}

FormField* ApplicationPage::addField(FormField* field)
{
    m_fields.append(field);
    connect(field, &FormField::edited, this, [this, field] {
        if (!field->error().isEmpty())
            m_touched.insert(field->apiPath()); // re-check at once a field that showed an error
        edited();
    });
    connect(field, &FormField::helpRequested, this, [this](const QString& topic) {
        if (appWizard())
            Q_EMIT appWizard()->helpRequested(topic);
    });
    connect(field, &FormField::editingFinished, this, [this, field] {
        m_touched.insert(field->apiPath());
        refreshErrors(false);
    });
    return field;
}

void ApplicationPage::edited()
{
    if (m_loading || !appWizard())
        return;
    saveTo(appWizard()->application());
    appWizard()->applicationEdited();
    refreshErrors(false);
    Q_EMIT completeChanged();
}

FieldErrors ApplicationPage::pageErrors() const
{
    FieldErrors out;
    if (!appWizard())
        return out;
    for (const FieldError& e : appWizard()->currentErrors()) {
        if (hasField(e.field))
            out.append(e);
    }
    return out;
}

bool ApplicationPage::hasField(const QString& apiPath) const
{
    if (m_extraPaths.contains(apiPath))
        return true;
    for (FormField* f : m_fields) {
        if (f->apiPath() == apiPath)
            return true;
    }
    return false;
}

void ApplicationPage::refreshErrors(bool showAll)
{
    const FieldErrors errors = pageErrors();
    for (FormField* f : std::as_const(m_fields)) {
        QString message;
        if (showAll || m_touched.contains(f->apiPath())) {
            for (const FieldError& e : errors) {
                if (e.field == f->apiPath()) {
                    message = e.message;
                    break;
                }
            }
        }
        f->setError(message);
    }
    for (const QString& path : std::as_const(m_extraPaths)) {
        QString message;
        if (showAll) {
            for (const FieldError& e : errors) {
                if (e.field == path) {
                    message = e.message;
                    break;
                }
            }
        }
        showExtraError(path, message);
    }
}

void ApplicationPage::showExtraError(const QString&, const QString&) { }

bool ApplicationPage::isComplete() const
{
    return pageErrors().isEmpty();
}

bool ApplicationPage::validatePage()
{
    refreshErrors(true);
    const FieldErrors errors = pageErrors();
    if (errors.isEmpty())
        return true;
    for (FormField* f : std::as_const(m_fields)) {
        if (!f->error().isEmpty()) {
            f->lineEdit()->setFocus();
            break;
        }
    }
    return false;
}

int ApplicationPage::showErrors(const FieldErrors& errors)
{
    int shown = 0;
    FormField* first = nullptr;
    for (const FieldError& e : errors) {
        for (FormField* f : std::as_const(m_fields)) {
            if (f->apiPath() == e.field) {
                f->setError(e.message,
                    e.code == QLatin1String("realname_mismatch") ? QStringLiteral("realname") : QString());
                m_touched.insert(e.field);
                if (!first)
                    first = f;
                ++shown;
            }
        }
        if (m_extraPaths.contains(e.field)) {
            showExtraError(e.field, e.message);
            ++shown;
        }
    }
    if (first)
        first->lineEdit()->setFocus();
    return shown;
}

} // namespace certdesk::ui
