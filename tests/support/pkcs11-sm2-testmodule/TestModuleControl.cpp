#include "TestModuleControl.h"

#include "TestTokenStore.h"

#include <QFile>

#include <algorithm>

namespace certdesk::test {

namespace tm = certdesk::testmodule;

QString Sm2TestModule::modulePath()
{
    return QStringLiteral(CERTDESK_SM2_TESTMODULE_PATH);
}

Sm2TestModule::Sm2TestModule(const QString& directory)
    : m_directory(directory)
{ }

void Sm2TestModule::activate() const
{
    qputenv("CERTDESK_TESTMODULE_DIR", QFile::encodeName(m_directory));
}

void Sm2TestModule::setSlotCount(int count) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    tm::setSlotCount(dir, count);
}

bool Sm2TestModule::createToken(int slot, const QString& label, const QString& userPin, const QString& soPin,
    int maxTries, bool pinPad) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    tm::TokenState token;
    token.initialized = true;
    token.label = label.toStdString();
    token.serial = "CDT" + std::to_string(slot) + "0001";
    token.userPinHash = tm::pinHash(userPin.toStdString());
    token.soPinHash = tm::pinHash(soPin.toStdString());
    token.maxTries = maxTries;
    token.pinPad = pinPad;
    return tm::saveToken(dir, slot, token);
}

void Sm2TestModule::armFault(const QString& function, int nth, quint64 ckr, bool pull) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    std::vector<tm::Fault> faults = tm::loadFaults(dir);
    faults.push_back(tm::Fault {function.toStdString(), nth, ckr, pull});
    (void)tm::saveFaults(dir, faults);
}

void Sm2TestModule::clearFaults() const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    (void)tm::saveFaults(dir, {});
}

void Sm2TestModule::pullToken(int slot) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    tm::TokenState token = tm::loadToken(dir, slot);
    token.present = false;
    (void)tm::saveToken(dir, slot, token);
}

void Sm2TestModule::insertToken(int slot) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    tm::TokenState token = tm::loadToken(dir, slot);
    token.present = true;
    ++token.generation;
    (void)tm::saveToken(dir, slot, token);
}

void Sm2TestModule::setPinPadEntry(const QString& pin) const
{
    QFile file(m_directory + QStringLiteral("/pinpad"));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(pin.toUtf8());
}

int Sm2TestModule::objectCount(int slot) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    return static_cast<int>(tm::loadToken(dir, slot).objects.size());
}

int Sm2TestModule::userPinFailures(int slot) const
{
    const std::string dir = QFile::encodeName(m_directory).toStdString();
    tm::DirectoryLock lock(dir);
    return tm::loadToken(dir, slot).userFailures;
}

} // namespace certdesk::test
