#pragma once

#include "input/PinyinEngine.h"

#include <QString>
#include <cstdint>
#include <optional>

namespace certdesk::input {

// Where Rime's data lives and how long deploying took.
struct RimeDeployment
{
    QString sharedDataDir; // the distribution's schemas (Debian: /usr/share/rime-data)
    QString userDataDir; // CertDesk's own compiled copy and settings
    qint64 milliseconds = 0; // time this process spent deploying (~0.4 s the first time, ~1 ms after)
    QString error; // empty on success
    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

// Pinyin on librime (Debian librime1 with rime-data-luna-pinyin, rime-prelude, rime-essay), schema
// luna_pinyin_simp: simplified output through Rime's OpenCC simplifier.
//
// librime is set up once per process. deploy() writes CertDesk's settings into the user data folder (only
// luna_pinyin_simp; no user dictionary, so one applicant's name never becomes the next applicant's
// suggestion), then compiles the schema there; the compiled files are kept, so only the first start of a
// terminal pays for compiling (measured on Debian 12: ~0.4 s) and later starts take about a millisecond. It
// blocks and may run on a worker thread; engines are created afterwards on the GUI thread.
class RimePinyinEngine : public PinyinEngine
{
public:
    // Deploys once per process (later calls return the first result). Empty `userDataDir`:
    // $CERTDESK_RIME_USER_DIR, else "rime" in the per-user application data folder. Empty `sharedDataDir`:
    // $CERTDESK_RIME_SHARED_DIR, else the distribution's folder.
    static RimeDeployment deploy(const QString& userDataDir = {}, const QString& sharedDataDir = {});
    // The result of the deploy() that ran, if any.
    [[nodiscard]] static std::optional<RimeDeployment> deployment();

    // Precondition: deploy() succeeded.
    RimePinyinEngine();
    ~RimePinyinEngine() override;

    [[nodiscard]] bool isValid() const { return m_session != 0; }

    bool typeLetter(QChar letter) override;
    bool backspace() override;
    [[nodiscard]] QString select(int index) override;
    [[nodiscard]] QString commitLetters() override;
    void nextPage() override;
    void previousPage() override;
    void clear() override;
    [[nodiscard]] PinyinComposition composition() const override;

private:
    [[nodiscard]] QString takeCommit();

    std::uintptr_t m_session = 0;
};

} // namespace certdesk::input
