#include "idcard/IdCardError.h"

#include <QCoreApplication>

namespace certdesk::idcard {

QString idCardStatusMessage(IdCardStatus status)
{
    switch (status) {
    case IdCardStatus::Ok:
        return QCoreApplication::translate("certdesk::IdCard", "The ID card was read.");
    case IdCardStatus::NoReader:
        return QCoreApplication::translate("certdesk::IdCard",
            "No ID card reader was found. Check that the reader is connected and its driver installed, or "
            "type the name and ID number.");
    case IdCardStatus::NoCard:
        return QCoreApplication::translate("certdesk::IdCard",
            "No ID card on the reader. Place the ID card flat on the reader and try again.");
    case IdCardStatus::ReadFailed:
        return QCoreApplication::translate("certdesk::IdCard",
            "The ID card could not be read. Leave the card on the reader until it has been read, then try "
            "again.");
    case IdCardStatus::BadData:
        return QCoreApplication::translate("certdesk::IdCard",
            "The reader returned data that is not a valid ID card record. Try again, or type the name and "
            "ID number.");
    case IdCardStatus::UnsupportedCard:
        return QCoreApplication::translate(
            "certdesk::IdCard", "This card is not a resident ID card. Type the name and ID number instead.");
    case IdCardStatus::NotResponding:
        return QCoreApplication::translate("certdesk::IdCard",
            "The ID card reader does not respond. Reconnect it and try again, or type the name and ID "
            "number.");
    case IdCardStatus::DriverFailed:
        return QCoreApplication::translate("certdesk::IdCard",
            "The ID card reader's driver failed. Reconnect the reader and try again, or type the name and ID "
            "number.");
    case IdCardStatus::InternalError:
        break;
    }
    return QCoreApplication::translate(
        "certdesk::IdCard", "The ID card could not be read because of an internal error.");
}

} // namespace certdesk::idcard
