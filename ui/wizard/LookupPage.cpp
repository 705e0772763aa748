#include "wizard/LookupPage.h"

#include "api/ApiClient.h"
#include "domain/Fees.h"
#include "kiosk/KioskLook.h"
#include "pki/OldCertificateRules.h"
#include "widgets/Announce.h"
#include "widgets/FormField.h"
#include "widgets/ModulePaths.h"
#include "widgets/PinDialog.h"
#include "widgets/TokenCalls.h"
#include "wizard/ApplicationWizard.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace certdesk::ui {

namespace {

QString certificateTitle(const token::TokenCertificateEntry& e)
{
    const pki::Subject& s = e.info.subject;
    QString name = s.commonName.isEmpty() ? s.organization : s.commonName;
    if (!s.organization.isEmpty() && s.organization != name)
        name += QStringLiteral(" (%1)").arg(s.organization);
    return QCoreApplication::translate("certdesk::ui::LookupPage", "%1 — serial %2 — on UKey %3")
        .arg(name, e.info.serialHex, e.token.label);
}

} // namespace

LookupPage::LookupPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_serial(addField(new FormField(QStringLiteral("serial"), tr("Certificate serial number"),
          tr("Enter the serial number of the certificate to renew"), true, this)))
    , m_lookup(new QPushButton(tr("Look up"), this))
    , m_readToken(new QPushButton(tr("Read from UKey"), this))
    , m_chooser(new QWidget(this))
    , m_certificates(new QComboBox(m_chooser))
    , m_useCertificate(new QPushButton(tr("Use this certificate"), m_chooser))
    , m_tokenStatus(new QLabel(this))
    , m_sign(new QPushButton(tr("Sign with the old UKey"), this))
    , m_cancelToken(new QPushButton(tr("Cancel"), this))
    , m_result(new QLabel(this))
    , m_sandbox(new QWidget(this))
    , m_sandboxCertificates(new QComboBox(m_sandbox))
    , m_calls(new TokenCalls(this))
{
    setObjectName(QStringLiteral("lookupPage"));
    setTitle(tr("Certificate to renew"));
    setSubTitle(tr("Insert your current UKey and read the certificate from it, or enter its serial number. "
                   "The certificate's kind (institution or natural person) is taken from the CA's records."));
    m_serial->setNote(tr("The serial number is shown in the certificate details (hexadecimal, e.g. "
                         "5F:3A:0C:…); colons and spaces may be kept."));
    m_lookup->setObjectName(QStringLiteral("lookupButton"));
    m_lookup->setAccessibleDescription(tr("Asks the CA about the certificate with this serial number"));
    m_readToken->setObjectName(QStringLiteral("readFromTokenButton"));
    m_readToken->setAccessibleName(tr("Read the certificate from the old UKey"));
    const QString readTokenHelp
        = tr("Reads the certificate on the inserted UKey and proves with its PIN that "
             "you hold it. Nothing is written to the UKey.");
    m_readToken->setToolTip(readTokenHelp);
    // Never only in a tool tip: screen readers get it as the description, and a touch screen (no hover)
    // shows it under the buttons until the UKey has been read.
    m_readToken->setAccessibleDescription(readTokenHelp);
    m_certificates->setObjectName(QStringLiteral("tokenCertificateCombo"));
    m_certificates->setAccessibleName(tr("Certificates on the inserted UKeys"));
    m_useCertificate->setObjectName(QStringLiteral("useTokenCertificateButton"));
    m_useCertificate->setAccessibleName(tr("Use the chosen certificate"));
    m_tokenStatus->setObjectName(QStringLiteral("tokenStatus"));
    m_tokenStatus->setWordWrap(true);
    m_tokenStatus->setTextFormat(Qt::PlainText);
    // The name stays the message itself, so that announcing it reads what happened.
    m_tokenStatus->setAccessibleDescription(tr("Old UKey status"));
    if (kioskLook())
        m_tokenStatus->setText(readTokenHelp);
    m_sign->setObjectName(QStringLiteral("signWithTokenButton"));
    m_sign->setAccessibleName(tr("Sign the lookup challenge with the old UKey"));
    m_sign->setVisible(false);
    m_cancelToken->setObjectName(QStringLiteral("cancelTokenButton"));
    m_cancelToken->setAccessibleName(tr("Stop waiting for the old UKey"));
    m_cancelToken->setVisible(false);
    m_result->setObjectName(QStringLiteral("lookupResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addPath(QStringLiteral("proof"));

    // Hexadecimal: the kiosk keyboard offers Latin letters and digits.
    m_serial->lineEdit()->setProperty("certdeskKeyboard", QStringLiteral("latin"));
    m_serial->addTrailingWidget(m_lookup);
    m_serial->addTrailingWidget(m_readToken);
    auto* chooserLayout = new QHBoxLayout(m_chooser);
    chooserLayout->setContentsMargins(0, 0, 0, 0);
    chooserLayout->addWidget(m_certificates, 1);
    chooserLayout->addWidget(m_useCertificate);
    m_chooser->setVisible(false);
    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenStatus, 1);
    tokenRow->addWidget(m_sign, 0, Qt::AlignTop);
    tokenRow->addWidget(m_cancelToken, 0, Qt::AlignTop);
    // Training mode: the sandbox's demo certificates, so a trainee does not have to know a serial number.
    auto* sandboxLabel = new QLabel(tr("Training certificates:"), m_sandbox);
    m_sandboxCertificates->setObjectName(QStringLiteral("sandboxCertificateCombo"));
    m_sandboxCertificates->setAccessibleName(tr("Training certificates"));
    m_sandboxCertificates->setAccessibleDescription(
        tr("Certificates of the training service to practise with"));
    auto* useSandbox = new QPushButton(tr("Use"), m_sandbox);
    useSandbox->setObjectName(QStringLiteral("useSandboxCertificateButton"));
    useSandbox->setAccessibleDescription(
        tr("Puts the chosen training certificate's serial number in the field"));
    auto* sandboxLayout = new QHBoxLayout(m_sandbox);
    sandboxLayout->setContentsMargins(0, 0, 0, 0);
    sandboxLayout->addWidget(sandboxLabel);
    sandboxLayout->addWidget(m_sandboxCertificates, 1);
    sandboxLayout->addWidget(useSandbox);
    m_sandbox->setVisible(false);
    connect(useSandbox, &QPushButton::clicked, this, [this] {
        const QString serial = m_sandboxCertificates->currentData().toString();
        if (serial.isEmpty())
            return;
        m_serial->setText(serial);
        edited();
        lookup();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sandbox);
    layout->addWidget(m_serial);
    layout->addWidget(m_chooser);
    layout->addLayout(tokenRow);
    layout->addWidget(m_result);
    layout->addStretch();

    connect(m_lookup, &QPushButton::clicked, this, &LookupPage::lookup);
    connect(m_readToken, &QPushButton::clicked, this, &LookupPage::readFromToken);
    connect(m_useCertificate, &QPushButton::clicked, this, [this] {
        const int index = m_certificates->currentIndex();
        if (index >= 0 && index < m_entries.size())
            useCertificate(m_entries.at(index));
    });
    connect(m_sign, &QPushButton::clicked, this, &LookupPage::signAgain);
    connect(m_cancelToken, &QPushButton::clicked, this, &LookupPage::cancelToken);
    connect(m_calls, &TokenCalls::notAnswering, this, [this] {
        // Reading several modules: those that answered are enough once they hold a candidate certificate.
        if (m_readsPending > 0) {
            auto partial = token::mergeCertificateReads(m_reads);
            if (partial
                && std::any_of(partial->cbegin(), partial->cend(), [](const token::TokenCertificateEntry& e) {
                       return pki::isRenewableOldCertificate(e.info);
                   })) {
                m_calls->cancel();
                m_reads.clear();
                m_readsPending = 0;
                certificatesRead(partial);
                return;
            }
        }
        setTokenStatus(token::moduleNotAnsweringMessage() + QLatin1Char(' ')
                + tr("You can also cancel and type the serial number of the old certificate."),
            QStringLiteral("#c62828"));
    });
    connect(m_serial->lineEdit(), &QLineEdit::returnPressed, this, &LookupPage::lookup);
    connect(m_serial, &FormField::edited, this, [this] { Q_EMIT completeChanged(); });
}

LookupPage::~LookupPage() = default;

void LookupPage::loadSandboxCertificates()
{
    ApplicationWizard* w = appWizard();
    if (m_sandboxLoaded || !w || !w->isSandbox() || !w->api())
        return;
    m_sandboxLoaded = true;
    w->api()->sandboxLegacyCertificates()->then(
        this, [this](const api::ApiResult<QList<api::LegacyCertificate>>& r) {
            if (!r.ok() || r.value().isEmpty())
                return;
            m_sandboxCertificates->clear();
            for (const api::LegacyCertificate& c : r.value()) {
                const QString kind = c.category ? categoryDisplayName(*c.category) : QString();
                m_sandboxCertificates->addItem(
                    tr("%1 · %2 · %3")
                        .arg(c.holder, kind,
                            c.renewable ? tr("renewable") : tr("not renewable (to see the refusal)")),
                    c.serial);
            }
            m_sandbox->setVisible(true);
        });
}

void LookupPage::setTokenSource(std::shared_ptr<token::TokenCertificateSource> source)
{
    m_source = std::move(source);
}

void LookupPage::setPinPrompt(PinPrompt* prompt)
{
    m_prompt = prompt;
}

void LookupPage::setTokenTimeout(std::chrono::milliseconds timeout)
{
    m_calls->setTimeout(timeout);
}

std::shared_ptr<token::TokenCertificateSource> LookupPage::source()
{
    if (!m_source)
        m_source = std::make_shared<token::Pkcs11CertificateSource>(configuredModulePaths());
    return m_source;
}

PinPrompt* LookupPage::prompt()
{
    if (m_prompt)
        return m_prompt;
    if (!m_ownPrompt)
        m_ownPrompt = std::make_unique<QtPinPrompt>();
    return m_ownPrompt.get();
}

QString LookupPage::tokenStatusText() const
{
    return m_tokenStatus->text();
}

void LookupPage::initializePage()
{
    ApplicationPage::initializePage();
    loadSandboxCertificates();
    const Application& a = appWizard()->application();
    showResult(a);
    if (pki::possessionProofExpired(a, QDateTime::currentDateTimeUtc())) {
        proofExpired({});
    } else if (a.proof) {
        setTokenStatus(tr("The old UKey proved that you hold this certificate."), QStringLiteral("#2e7d32"));
    }
}

int LookupPage::nextId() const
{
    return ApplicationWizard::YearsPage;
}

bool LookupPage::isComplete() const
{
    const auto* w = appWizard();
    if (!w || m_busy || m_tokenBusy || !ApplicationPage::isComplete())
        return false;
    const auto& old = w->application().oldCertificate;
    return old && old->renewable && normalizeSerial(m_serial->text()) == normalizeSerial(old->serial);
}

void LookupPage::lookup()
{
    ApplicationWizard* w = appWizard();
    const QString serial = normalizeSerial(m_serial->text());
    if (!w || m_busy || serial.isEmpty() || !ApplicationPage::isComplete()) {
        m_signAfterLookup = false;
        return;
    }
    if (!w->api()) {
        m_signAfterLookup = false;
        m_result->setText(
            tr("No certificate service is configured: start CertDesk with --server or --sandbox."));
        return;
    }
    m_busy = true;
    m_lookup->setEnabled(false);
    m_result->setText(tr("Looking up the certificate…"));
    Q_EMIT completeChanged();
    w->api()->lookupCertificate(serial)->then(
        this, [this, serial](const api::ApiResult<OldCertificateInfo>& r) {
            m_busy = false;
            m_lookup->setEnabled(true);
            const bool signAfter = std::exchange(m_signAfterLookup, false);
            ApplicationWizard* w = appWizard();
            if (!r.ok()) {
                const api::ApiError& e = r.error();
                m_result->setText(
                    QStringLiteral("<span style='color:#c62828'>%1</span>")
                        .arg((e.isHttp(404) ? tr("No certificate with this serial number was found. "
                                                 "Check the number and try again.")
                                            : e.userMessage())
                                 .toHtmlEscaped()));
                announceAlert(m_result);
                Q_EMIT completeChanged();
                return;
            }
            Application& app = w->application();
            OldCertificateInfo info = r.value();
            if (info.serial.isEmpty())
                info.serial = serial;
            // A proof belongs to one certificate: another serial makes it worthless.
            if (app.proof) {
                const auto proven = pki::CertificateInfo::parse(app.proof->certificate);
                if (!proven || proven->serialHex != normalizeSerial(info.serial))
                    app.proof.reset();
            }
            app.oldCertificate = info;
            app.serial = normalizeSerial(info.serial);
            app.category = info.category;
            if (info.maxYears > 0 && app.years > info.maxYears)
                app.years = info.maxYears;
            const bool fromToken = signAfter && m_chosen && m_chosen->info.serialHex == app.serial;
            if (fromToken)
                pki::prefillFromOldCertificate(app, m_chosen->info);
            w->applicationEdited();
            showResult(app);
            announceAlert(m_result);
            Q_EMIT completeChanged();
            if (fromToken && info.renewable && !info.challenge.isEmpty())
                signChallenge();
        });
}

void LookupPage::readFromToken()
{
    if (m_tokenBusy || m_busy)
        return;
    m_chooser->setVisible(false);
    m_sign->setVisible(false);
    std::shared_ptr<token::TokenCertificateSource> from = source();
    const QStringList modules = from->modulePaths();
    if (modules.isEmpty()) {
        certificatesRead(token::mergeCertificateReads({}));
        return;
    }
    setTokenBusy(true);
    setTokenStatus(tr("Reading the certificates on the inserted UKeys…"));
    // Each module on its own thread: one that hangs does not hold up the others' answers.
    m_reads.clear();
    m_readsPending = int(modules.size());
    for (const QString& module : modules) {
        m_calls->run(
            module, [from, module] { return from->certificates(module); },
            [this](token::TokenResult<QList<token::TokenCertificateEntry>> read) {
                m_reads.append(std::move(read));
                if (--m_readsPending == 0)
                    certificatesRead(token::mergeCertificateReads(std::exchange(m_reads, {})));
            });
    }
}

void LookupPage::cancelToken()
{
    if (!m_tokenBusy)
        return;
    m_calls->cancel();
    m_reads.clear();
    m_readsPending = 0;
    setTokenBusy(false);
    setTokenStatus(tr("Stopped waiting for the UKey. Type the serial number of the old certificate, or try "
                      "again with the UKey."));
    m_sign->setVisible(m_chosen.has_value() && appWizard() && appWizard()->application().oldCertificate);
}

void LookupPage::certificatesRead(const token::TokenResult<QList<token::TokenCertificateEntry>>& result)
{
    setTokenBusy(false);
    if (!result) {
        setTokenStatus(result.message(), QStringLiteral("#c62828"));
        return;
    }
    // The certificate to renew is the old RSA one; a UKey may also hold CA or SM2 certificates.
    m_entries.clear();
    for (const token::TokenCertificateEntry& e : *result) {
        if (pki::isRenewableOldCertificate(e.info))
            m_entries.append(e);
    }
    if (m_entries.isEmpty()) {
        setTokenStatus(result->isEmpty()
                ? tr("No certificate was found. Insert the old UKey (the one holding the certificate to "
                     "renew) and "
                     "try again.")
                : tr("The inserted UKeys hold no RSA certificate. Insert the old UKey (the one holding the "
                     "certificate to renew) and try again."),
            QStringLiteral("#c62828"));
        return;
    }
    if (m_entries.size() == 1) {
        useCertificate(m_entries.constFirst());
        return;
    }
    m_certificates->clear();
    for (const token::TokenCertificateEntry& e : std::as_const(m_entries))
        m_certificates->addItem(certificateTitle(e));
    m_chooser->setVisible(true);
    setTokenStatus(tr("Several certificates were found: choose the one to renew."));
}

void LookupPage::useCertificate(const token::TokenCertificateEntry& entry)
{
    m_chosen = entry;
    m_chooser->setVisible(false);
    m_serial->setText(entry.info.serialHex);
    edited();
    setTokenStatus(tr("Certificate read from UKey %1. Looking it up…").arg(entry.token.label));
    m_signAfterLookup = true;
    lookup();
}

void LookupPage::signChallenge()
{
    if (!m_chosen || m_tokenBusy)
        return;
    setTokenBusy(true);
    setTokenStatus(tr("Reading the PIN state of UKey %1…").arg(m_chosen->token.label));
    std::shared_ptr<token::TokenCertificateSource> from = source();
    const token::TokenInfo tokenInfo = m_chosen->token;
    m_calls->run(
        tokenInfo.modulePath, [from, tokenInfo] { return from->pinInfo(tokenInfo); },
        [this](const token::TokenResult<token::PinInfo>& pinState) { askPinAndSign(pinState); });
}

void LookupPage::askPinAndSign(const token::TokenResult<token::PinInfo>& pinState)
{
    const ApplicationWizard* w = appWizard();
    if (!m_chosen || !w || !w->application().oldCertificate) {
        setTokenBusy(false);
        return;
    }
    if (!pinState) {
        setTokenBusy(false);
        setTokenStatus(pinState.message(), QStringLiteral("#c62828"));
        m_sign->setVisible(true);
        return;
    }
    if (pinState->locked) {
        setTokenBusy(false);
        setTokenStatus(token::tokenStatusMessage(token::TokenStatus::PinLocked), QStringLiteral("#c62828"));
        return;
    }
    QString pin;
    if (pinState->protectedAuthenticationPath) {
        setTokenStatus(tr("Type the PIN of the old UKey on the reader's PIN pad."));
    } else {
        PinRequest request;
        request.tokenLabel = m_chosen->token.label;
        request.purpose = tr("The old certificate signs a one-time challenge from the CA to prove that you "
                             "hold it. The PIN is used once and not kept; nothing is written to the UKey.");
        request.pin = *pinState;
        std::optional<QString> typed = prompt()->askPin(window(), request);
        if (!typed) {
            setTokenBusy(false);
            setTokenStatus(tr("Not signed: the serial number was filled in, but holding the old certificate "
                              "is not proven. Sign with the old UKey to prove it."));
            m_sign->setVisible(true);
            return;
        }
        pin = std::move(*typed);
        setTokenStatus(tr("Signing with the old UKey…"));
    }
    const QByteArray challenge = w->application().oldCertificate->challenge;
    // A PIN-pad reader's C_Login waits for the person: not a module that stopped answering.
    const std::chrono::milliseconds patience
        = pinState->protectedAuthenticationPath ? std::chrono::minutes(3) : std::chrono::milliseconds {};
    std::shared_ptr<token::TokenCertificateSource> signer = source();
    const token::TokenCertificateEntry entry = *m_chosen;
    m_calls->run(
        entry.token.modulePath,
        [signer, entry, challenge, pin = std::move(pin)]() mutable {
            return signer->signRsaSha256(entry, std::move(pin), challenge);
        },
        [this, challenge, der = entry.certificate.der](const token::TokenResult<QByteArray>& signature) {
            setTokenBusy(false);
            ApplicationWizard* w = appWizard();
            if (!w)
                return;
            if (!signature) {
                // Never retried by itself: a wrong PIN costs a try. The person decides.
                setTokenStatus(signature.message(), QStringLiteral("#c62828"));
                m_sign->setText(tr("Sign again"));
                m_sign->setVisible(true);
                return;
            }
            w->application().proof = PossessionProof {challenge, der, *signature};
            w->applicationEdited();
            m_sign->setVisible(false);
            setTokenStatus(tr("The old UKey proved that you hold this certificate: the application will be "
                              "marked as verified by the old certificate."),
                QStringLiteral("#2e7d32"));
        },
        patience);
}

void LookupPage::signAgain()
{
    const ApplicationWizard* w = appWizard();
    if (!w || !m_chosen || m_tokenBusy || m_busy)
        return;
    // A challenge is good once and for a few minutes: a fresh lookup brings a new one.
    if (pki::challengeStillUsable(
            w->application(), m_chosen->info.serialHex, QDateTime::currentDateTimeUtc())) {
        signChallenge();
        return;
    }
    m_serial->setText(m_chosen->info.serialHex);
    edited();
    m_signAfterLookup = true;
    lookup();
}

void LookupPage::proofExpired(const QString& message)
{
    ApplicationWizard* w = appWizard();
    if (!w)
        return;
    // The service refuses a proof over an expired or used challenge; sending it again cannot succeed.
    if (w->application().proof) {
        w->application().proof.reset();
        w->applicationEdited();
    }
    QString text
        = tr("The old UKey's signature is no longer valid (a challenge from the lookup proves possession "
             "once, within a few minutes). Sign again with the old UKey, or continue without: the "
             "application is then not marked as verified by the old certificate.");
    if (!message.isEmpty())
        text = message + QLatin1Char(' ') + text;
    setTokenStatus(text, QStringLiteral("#c62828"));
    m_sign->setText(tr("Sign again"));
    m_sign->setVisible(m_chosen.has_value());
}

void LookupPage::showExtraError(const QString& apiPath, const QString& message)
{
    if (apiPath == QLatin1String("proof") && !message.isEmpty())
        proofExpired(message);
}

void LookupPage::setTokenStatus(const QString& text, const QString& color)
{
    m_tokenStatus->setText(text);
    if (!text.isEmpty())
        announceAlert(m_tokenStatus);
    m_tokenStatus->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

void LookupPage::setTokenBusy(bool busy)
{
    m_tokenBusy = busy;
    m_readToken->setEnabled(!busy);
    m_useCertificate->setEnabled(!busy);
    m_sign->setEnabled(!busy);
    m_cancelToken->setVisible(busy);
    Q_EMIT completeChanged();
}

void LookupPage::showResult(const Application& application)
{
    if (!application.oldCertificate) {
        m_result->clear();
        return;
    }
    const OldCertificateInfo& c = *application.oldCertificate;
    const QTimeZone shanghai("Asia/Shanghai");
    // The kind decides the rest of the form (organisation and agent, or the applicant): said first, and where
    // it comes from, since nobody chose it on an earlier page.
    QString html = QStringLiteral("<p><b>%1</b></p>")
                       .arg(tr("Certificate kind: %1 (as the CA recorded it for this certificate)")
                                .arg(categoryDisplayName(c.category))
                                .toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='6'>");
    const auto row = [&html](const QString& label, const QString& value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("Holder"), c.holderMasked);
    row(tr("Algorithm"), c.algorithm);
    row(tr("Valid until"), c.notAfter.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    row(tr("Fee per year"), tr("¥%1").arg(formatYuan(c.feePerYearFen)));
    if (c.renewable) {
        row(tr("Renewal"), tr("Allowed, 1 to %n year(s)", nullptr, c.maxYears));
        if (c.newValidityStart.isValid())
            row(tr("New validity starts"),
                c.newValidityStart.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd")));
    }
    html += QStringLiteral("</table>");
    if (!c.renewable) {
        html += QStringLiteral("<p style='color:#c62828'>%1 %2</p>")
                    .arg(tr("This certificate cannot be renewed now.").toHtmlEscaped(),
                        c.reason.toHtmlEscaped());
    }
    m_result->setText(html);
}

void LookupPage::loadFrom(const Application& application)
{
    m_serial->setText(application.serial);
}

void LookupPage::saveTo(Application& application) const
{
    // Keep what was typed when it is not hex yet, so the validator can say what is wrong with it.
    const QString normalized = normalizeSerial(m_serial->text());
    application.serial = normalized.isEmpty() ? m_serial->text().trimmed() : normalized;
}

} // namespace certdesk::ui
