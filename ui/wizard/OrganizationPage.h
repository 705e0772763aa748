#pragma once

#include "wizard/ApplicationPage.h"
#include "wizard/PersonFields.h"

namespace certdesk::ui {

// Institutions: 单位信息 (name, unified social credit code, address) and 经办人信息 (the agent).
class OrganizationPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit OrganizationPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    FormField* m_name;
    FormField* m_credential;
    FormField* m_address;
    PersonFields m_agent;
};

// Natural persons: 申请人信息.
class ApplicantPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit ApplicantPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    PersonFields m_applicant;
};

} // namespace certdesk::ui
