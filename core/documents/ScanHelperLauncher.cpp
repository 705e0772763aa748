#include "documents/ScanHelperLauncher.h"

namespace certdesk::documents {

namespace {

// A helper that never ran.
class FailedHelper final : public ScanHelperProcess
{
public:
    explicit FailedHelper(QString why)
        : m_why(std::move(why))
    { }

    void setCallbacks(Callbacks) override { }
    [[nodiscard]] State state() const override { return State::NotRunning; }
    void write(const QByteArray&) override { }
    void closeInput() override { }
    void kill() override { }
    [[nodiscard]] QByteArray readOutput() override { return {}; }
    [[nodiscard]] QByteArray readErrors() override { return {}; }
    [[nodiscard]] bool hasOutput() override { return false; }
    [[nodiscard]] bool crashed() const override { return false; }
    [[nodiscard]] int exitCode() const override { return -1; }
    [[nodiscard]] QString errorString() const override { return m_why; }

private:
    QString m_why;
};

} // namespace

std::unique_ptr<ScanHelperProcess> ScanHelperProcess::failed(const QString& why)
{
    return std::make_unique<FailedHelper>(why);
}

} // namespace certdesk::documents
