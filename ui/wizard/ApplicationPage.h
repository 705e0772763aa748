#pragma once

#include "domain/Application.h"
#include "domain/FieldError.h"

#include <QList>
#include <QSet>
#include <QWizardPage>

namespace certdesk::ui {

class ApplicationWizard;
class FormField;

// Base of the wizard's form pages. A page registers its FormFields with their API paths; on every edit it
// writes them into the Application (saveTo), the wizard autosaves, and the errors core's validators report
// for this page's paths are shown — for a field once it has been left or Next was tried, so nobody is scolded
// mid-typing.
class ApplicationPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ApplicationPage(QWidget* parent = nullptr);

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    bool validatePage() override;

    // Shows these errors at this page's fields; returns the number shown.
    int showErrors(const FieldErrors& errors);
    [[nodiscard]] bool hasField(const QString& apiPath) const;
    // Registers a field (also used by shared field groups such as PersonFields).
    FormField* addField(FormField* field);

protected:
    [[nodiscard]] ApplicationWizard* appWizard() const;
    // Copies the Application into the widgets / the widgets into the Application.
    virtual void loadFrom(const Application& application) = 0;
    virtual void saveTo(Application& application) const = 0;

    // Paths this page owns besides its FormFields (checkboxes, combo boxes), for completeness and 422
    // routing.
    void addPath(const QString& apiPath) { m_extraPaths.append(apiPath); }
    // A non-FormField widget changed: save and re-validate.
    void edited();
    // Called with errors for extra paths (not FormFields); pages with such widgets show them.
    virtual void showExtraError(const QString& apiPath, const QString& message);

private:
    void refreshErrors(bool showAll);
    [[nodiscard]] FieldErrors pageErrors() const;

    QList<FormField*> m_fields;
    QStringList m_extraPaths;
    QSet<QString> m_touched;
    bool m_loading = false;
};

} // namespace certdesk::ui
