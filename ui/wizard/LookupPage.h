#pragma once

#include "token/TokenAccess.h"
#include "wizard/ApplicationPage.h"

#include <chrono>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace certdesk::ui {

class FormField;
class PinPrompt;
class TokenCalls;

// Step 3: identify the old certificate by its serial number (证书序列号). The service answers with the masked
// holder, expiry, whether renewal is allowed (and why not), the fee per year and the years allowed; the page
// is complete only for a renewable certificate whose serial is the one in the field.
//
// Or read it from the old UKey (DESIGN.md step 3, preferred): "Read from UKey" lists the certificates on the
// inserted tokens, fills the serial from the chosen one, looks it up, pre-fills the organisation or person
// from the certificate's subject where the form is still empty, then asks for the PIN once and has the old
// RSA key sign the lookup challenge; the proof goes with the application, which the service then marks
// holder_verified. Nothing is written to the old UKey. A proof whose challenge expired before submission is
// dropped and the page offers to sign again.
//
// Every call into a UKey's module runs on that module's thread (TokenCalls), never on the GUI thread: a
// module that hangs leaves the window answering, the page says so after tokenTimeout() and the person can
// cancel and type the serial number instead.
class LookupPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit LookupPage(QWidget* parent = nullptr);
    ~LookupPage() override;
    [[nodiscard]] int nextId() const override;
    [[nodiscard]] bool isComplete() const override;
    void initializePage() override;

    // Asks the service about the serial in the field (also bound to the 查询 button and Return).
    void lookup();
    // Reads the certificates of the inserted UKeys (the "Read from UKey" button).
    void readFromToken();

    // Where certificates come from and who asks for the PIN. Defaults: the configured PKCS#11 modules
    // (configuredModulePaths()) and the PIN dialog. The prompt is not owned and must outlive the page.
    void setTokenSource(std::shared_ptr<token::TokenCertificateSource> source);
    void setPinPrompt(PinPrompt* prompt);
    // How long a UKey may take to answer before the page says it is not answering (TokenCalls' default).
    void setTokenTimeout(std::chrono::milliseconds timeout);
    // Gives up waiting for the UKey (the Cancel button shown while it is being read or signs).
    void cancelToken();

    // The line under the UKey buttons (what happened with the old UKey).
    [[nodiscard]] QString tokenStatusText() const;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;
    void showExtraError(const QString& apiPath, const QString& message) override;

private:
    void showResult(const Application& application);
    void certificatesRead(const token::TokenResult<QList<token::TokenCertificateEntry>>& result);
    void useCertificate(const token::TokenCertificateEntry& entry);
    void askPinAndSign(const token::TokenResult<token::PinInfo>& pinState);
    void signChallenge();
    void signAgain();
    void proofExpired(const QString& message);
    void setTokenStatus(const QString& text, const QString& color = {});
    void loadSandboxCertificates();
    void setTokenBusy(bool busy);
    [[nodiscard]] std::shared_ptr<token::TokenCertificateSource> source();
    [[nodiscard]] PinPrompt* prompt();

    FormField* m_serial;
    QPushButton* m_lookup;
    QPushButton* m_readToken;
    QWidget* m_chooser;
    QComboBox* m_certificates;
    QPushButton* m_useCertificate;
    QLabel* m_tokenStatus;
    QPushButton* m_sign;
    QPushButton* m_cancelToken;
    QLabel* m_result;
    QWidget* m_sandbox;
    QComboBox* m_sandboxCertificates;
    bool m_sandboxLoaded = false;
    bool m_busy = false;
    bool m_tokenBusy = false;
    bool m_signAfterLookup = false;
    std::shared_ptr<token::TokenCertificateSource> m_source;
    TokenCalls* m_calls;
    // The reads of "Read from UKey" answered so far, one per module, and how many are still to come.
    QList<token::TokenResult<QList<token::TokenCertificateEntry>>> m_reads;
    int m_readsPending = 0;
    PinPrompt* m_prompt = nullptr;
    std::unique_ptr<PinPrompt> m_ownPrompt;
    QList<token::TokenCertificateEntry> m_entries;
    std::optional<token::TokenCertificateEntry> m_chosen;
};

} // namespace certdesk::ui
