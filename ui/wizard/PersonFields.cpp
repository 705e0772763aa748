#include "wizard/PersonFields.h"

#include "widgets/FormField.h"

namespace certdesk::ui {

void PersonFields::load(const Person& person) const
{
    name->setText(person.name);
    idNumber->setText(person.idNumber);
    mobile->setText(person.mobile);
    email->setText(person.email);
}

void PersonFields::save(Person& person) const
{
    person.name = name->text().trimmed();
    person.idNumber = idNumber->text().trimmed();
    person.mobile = mobile->text().trimmed();
    person.email = email->text().trimmed();
}

} // namespace certdesk::ui
