#pragma once

#include "domain/Application.h"

#include <QString>

class QBoxLayout;
class QWidget;

namespace certdesk::ui {

class ApplicationPage;
class FormField;
class IdCardButton;

// The four fields of a person (name, ID number, mobile, e-mail) under an API prefix ("agent" or "applicant").
struct PersonFields
{
    FormField* name = nullptr;
    FormField* idNumber = nullptr;
    FormField* mobile = nullptr;
    FormField* email = nullptr;
    // 读取身份证: fills name and ID number from the card on the reader.
    IdCardButton* idCard = nullptr;

    void load(const Person& person) const;
    void save(Person& person) const;
    // Connects the ID card button to the name and ID number fields.
    void connectIdCard() const;
};

} // namespace certdesk::ui
