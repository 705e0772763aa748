#include "wizard/PersonFields.h"

#include "widgets/FormField.h"
#include "widgets/IdCardButton.h"

namespace certdesk::ui {

void PersonFields::load(const Person& person) const
{
    name->setText(person.name);
    idNumber->setText(person.idNumber);
    mobile->setText(person.mobile);
    email->setText(person.email);
}

void PersonFields::connectIdCard() const
{
    FormField* nameField = name;
    FormField* idField = idNumber;
    QObject::connect(
        idCard, &IdCardButton::cardRead, idCard, [nameField, idField](const QString& n, const QString& id) {
            nameField->fill(n);
            idField->fill(id);
        });
}

void PersonFields::save(Person& person) const
{
    person.name = name->text().trimmed();
    person.idNumber = idNumber->text().trimmed();
    person.mobile = mobile->text().trimmed();
    person.email = email->text().trimmed();
}

} // namespace certdesk::ui
