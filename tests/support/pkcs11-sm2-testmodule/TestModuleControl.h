#pragma once

// Drives the CertDesk SM2 test token from a test: creates tokens, arms faults, pulls and reinserts tokens,
// and looks at the stored state without going through PKCS#11. The module itself is
// libcertdesk-pkcs11-sm2-test.so (TestModule.cpp); it reads its state from $CERTDESK_TESTMODULE_DIR, which
// activate() sets for this process (and so for child processes started afterwards).

#include <QString>
#include <QtGlobal>

namespace certdesk::test {

class Sm2TestModule
{
public:
    // The built module (absolute path).
    [[nodiscard]] static QString modulePath();

    // `directory` must exist; it holds the token state files.
    explicit Sm2TestModule(const QString& directory);

    // Points the module at this directory (sets CERTDESK_TESTMODULE_DIR). Call before loading the module.
    void activate() const;
    void setSlotCount(int count) const;

    // An initialized token in `slot` with a user PIN, `maxTries` PIN attempts and optionally a PIN-pad
    // reader.
    [[nodiscard]] bool createToken(int slot, const QString& label, const QString& userPin,
        const QString& soPin, int maxTries = 5, bool pinPad = false) const;

    // The `nth` call (1 = the next one) of `function` ("C_CreateObject", "C_Sign", "C_Login",
    // "C_OpenSession", "C_GenerateKeyPair", "C_DestroyObject") fails with `ckr`; with `pull` the token is
    // removed at that moment.
    void armFault(const QString& function, int nth, quint64 ckr, bool pull = false) const;
    void clearFaults() const;

    void pullToken(int slot) const;
    // Reinserts a pulled token: a new generation, so sessions from before the removal are gone.
    void insertToken(int slot) const;
    // What the PIN-pad "reader" types when the application logs in without a PIN.
    void setPinPadEntry(const QString& pin) const;

    // Stored state, read directly.
    [[nodiscard]] int objectCount(int slot) const;
    [[nodiscard]] int userPinFailures(int slot) const;

private:
    QString m_directory;
};

} // namespace certdesk::test
