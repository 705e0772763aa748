#pragma once

#include "domain/Application.h"

#include <QString>

class QBoxLayout;
class QWidget;

namespace certdesk::ui {

class ApplicationPage;
class FormField;

// The four fields of a person (name, ID number, mobile, e-mail) under an API prefix ("agent" or "applicant").
struct PersonFields
{
    FormField* name = nullptr;
    FormField* idNumber = nullptr;
    FormField* mobile = nullptr;
    FormField* email = nullptr;

    void load(const Person& person) const;
    void save(Person& person) const;
};

} // namespace certdesk::ui
