#pragma once

// Shared by the application-centre GUI tests: fakes of the centre's interfaces (file chooser, printer,
// notifier, scanner), the real certdesk-server in sandbox mode, an application created through the API the
// way the wizard creates it, and QR decoding with zbarimg.

#include "ServerProcess.h"
#include "api/ApiClient.h"
#include "centre/CentreServices.h"
#include "documents/ScanSource.h"
#include "domain/Application.h"
#include "print/PrintedForm.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"
#include "wizard/ApplicationWizard.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWidget>

#include <chrono>
#include <memory>

namespace certdesk::test {

using namespace std::chrono_literals;

class FakeFileChooser final : public ui::FileChooser
{
public:
    QStringList openAnswers; // taken from the front; empty list: cancelled
    QString saveAnswer;
    int openCalls = 0;
    int saveCalls = 0;
    QString lastSuggestedName;

    QString openFile(QWidget*, const QString&, const QStringList&) override
    {
        ++openCalls;
        return openAnswers.isEmpty() ? QString() : openAnswers.takeFirst();
    }
    QString saveFile(QWidget*, const QString&, const QString& suggestedName, const QString&) override
    {
        ++saveCalls;
        lastSuggestedName = suggestedName;
        return saveAnswer;
    }
};

// Paints the form onto an A4 image, as a printer would get it, and keeps the title and the picture.
class FakePrintService final : public ui::PrintService
{
public:
    int previews = 0;
    int prints = 0;
    QString lastTitle;
    QImage lastPage;
    bool printFromPreview = true;

    Outcome preview(QWidget*, const print::PrintedForm& form) override
    {
        ++previews;
        return render(form, printFromPreview);
    }
    Outcome print(QWidget*, const print::PrintedForm& form) override
    {
        ++prints;
        return render(form, true);
    }

private:
    Outcome render(const print::PrintedForm& form, bool printed)
    {
        lastTitle = form.title();
        if (print::PrintResult valid = form.validate(); !valid)
            return {valid, false};
        lastPage = QImage(827, 1170, QImage::Format_RGB32); // A4 at 100 dpi
        lastPage.fill(Qt::white);
        QPainter painter(&lastPage);
        form.paintPage(painter, QRectF(0, 0, lastPage.width(), lastPage.height()));
        return {{}, printed};
    }
};

class FakeNotifier final : public ui::Notifier
{
public:
    QStringList messages;
    QList<QUrl> opened;
    bool answer = true;

    void information(QWidget*, const QString&, const QString& text) override { messages << text; }
    void warning(QWidget*, const QString&, const QString& text) override { messages << text; }
    bool confirm(QWidget*, const QString&, const QString& text) override
    {
        messages << text;
        return answer;
    }
    bool openUrl(const QUrl& url) override
    {
        opened << url;
        return true;
    }
};

// A scanner that "scans" a generated A4 page at 200 dpi (or fails with `failure`).
class FakeScanSource final : public documents::ScanSource
{
public:
    int scans = 0;
    std::optional<documents::DocumentStatus> failure;
    // The scan "runs" until it is cancelled (to test the cancel button).
    std::atomic_bool holdUntilCancelled {false};

    documents::DocumentResult<QList<documents::ScanDevice>> devices() override
    {
        return QList<documents::ScanDevice> {{QStringLiteral("fake:0"), QStringLiteral("CertDesk"),
            QStringLiteral("Fake flatbed"), QStringLiteral("flatbed scanner")}};
    }
    documents::DocumentResult<QImage> scan(const documents::ScanOptions&, const std::atomic_bool* cancel,
        const ProgressCallback& progress) override
    {
        ++scans;
        while (holdUntilCancelled.load()) {
            if (cancel && cancel->load())
                return documents::DocumentError {
                    documents::DocumentStatus::Cancelled, QStringLiteral("cancelled")};
            QThread::msleep(5); // a worker thread, like a real scanner's read loop
        }
        if (failure)
            return documents::DocumentError {*failure, QStringLiteral("fake")};
        QImage page(1654, 2339, QImage::Format_RGB32);
        page.fill(Qt::white);
        QPainter p(&page);
        p.setPen(QPen(Qt::black, 6));
        for (int y = 100; y < 2200; y += 60)
            p.drawLine(120, y, 1500, y);
        p.setBrush(QColor(200, 30, 30, 120));
        p.drawEllipse(QPoint(1200, 1900), 220, 220); // the "seal"
        p.end();
        for (int i = 0; i <= 100; i += 20) {
            if (cancel && cancel->load())
                return documents::DocumentError {
                    documents::DocumentStatus::Cancelled, QStringLiteral("cancelled")};
            if (progress)
                progress(i);
        }
        page.setDotsPerMeterX(7874);
        page.setDotsPerMeterY(7874);
        return page;
    }
};

// A JPEG photo-like picture of `size` (noise and lines, so that it compresses like a real scan).
inline QByteArray makeJpeg(QSize size, int seed = 1, int quality = 90)
{
    QImage img(size, QImage::Format_RGB32);
    img.fill(QColor::fromHsv((seed * 53) % 360, 40, 235));
    QPainter p(&img);
    p.setPen(QPen(Qt::black, 3));
    for (int y = 40; y < size.height(); y += 37)
        p.drawLine(30, y, size.width() - 30, y + (seed % 7));
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "JPEG", quality);
    return bytes;
}

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

// Decodes every QR code in the widget's current picture with zbarimg (as a phone would see the screen).
inline QString decodeQr(QWidget* widget, const QTemporaryDir& dir, QString* error = nullptr)
{
    const QString path = dir.filePath(QStringLiteral("qr-%1.png").arg(QDateTime::currentMSecsSinceEpoch()));
    if (!widget->grab().save(path, "PNG")) {
        if (error)
            *error = QStringLiteral("cannot save the grab");
        return {};
    }
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path});
    if (!zbar.waitForFinished(30000)) {
        if (error)
            *error = QStringLiteral("zbarimg did not finish: ") + zbar.errorString();
        return {};
    }
    if (error)
        *error = QString::fromUtf8(zbar.readAllStandardError());
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

template<class T>
api::ApiResult<T> await(api::ApiReply<T>* reply)
{
    reply->waitForFinished(120s);
    api::ApiResult<T> result = reply->result();
    delete reply;
    return result;
}

inline QString describe(const api::ApiError& e)
{
    QString text = e.logSummary() + QStringLiteral(" | ") + e.message + QStringLiteral(" | ") + e.detail;
    for (const FieldError& field : e.fields)
        text += QStringLiteral(" | %1 %2: %3").arg(field.field, field.code, field.message);
    return text;
}

// A call that must succeed; leaves the test function on failure.
#define CENTRE_AWAIT_OK(var, call)                                                                           \
    auto var = certdesk::test::await(call);                                                                  \
    QVERIFY2(var.ok(),                                                                                       \
        qPrintable(QStringLiteral(#call " failed: ")                                                         \
            + (var.ok() ? QString() : certdesk::test::describe(var.error()))))

// A client of the service at `baseUrl` with the tests' transfer timeout.
inline std::unique_ptr<api::ApiClient> makeApiClient(const QUrl& baseUrl)
{
    api::ApiClientOptions options;
    options.baseUrl = baseUrl;
    options.transferTimeout = 60s;
    return std::make_unique<api::ApiClient>(options);
}

// The certdesk-server of this build in sandbox mode, an applicant client and staff clients.
class CentreServer
{
public:
    ServerProcess server;
    std::unique_ptr<api::ApiClient> applicant;
    std::unique_ptr<api::ApiClient> reviewer;
    std::unique_ptr<api::ApiClient> counter;

    [[nodiscard]] bool start(QString* error, const QStringList& extraArguments = {})
    {
        if (!server.start(extraArguments)) {
            *error = server.errorString();
            return false;
        }
        applicant = makeClient();
        reviewer = makeClient();
        counter = makeClient();
        auto r = await(reviewer->staffLogin(QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer")));
        auto c = await(counter->staffLogin(QStringLiteral("counter"), QStringLiteral("sandbox-counter")));
        if (!r.ok() || !c.ok()) {
            *error = QStringLiteral("staff login failed");
            return false;
        }
        return true;
    }

    [[nodiscard]] std::unique_ptr<api::ApiClient> makeClient() const
    {
        return makeApiClient(server.baseUrl());
    }
};

struct CreatedApp
{
    Application application; // the form as sent
    QString id;
    QString orderNo;
    QString token;
};

// Mints an old RSA certificate in a sandbox service, looks it up and creates the application through
// `applicant` (no possession proof: the serial was typed). `suffix` (0..9) makes the organisation unique per
// test.
inline bool createApplication(
    api::ApiClient& applicant, CertificateCategory category, CreatedApp* out, QString* error, int suffix = 0)
{
    const bool institution = isInstitution(category);
    const QString holder
        = institution ? QStringLiteral("深圳市星河测试科技有限公司") : QStringLiteral("王芳");
    const QString credential
        = institution ? QStringLiteral("91440300MA5H00001F") : QStringLiteral("11010519491231002X");
    auto legacy = await(applicant.sandboxMintLegacy(
        category, holder, credential, QDateTime::currentDateTimeUtc().addDays(30)));
    if (!legacy.ok()) {
        *error = QStringLiteral("mint: ") + describe(legacy.error());
        return false;
    }
    auto old = await(applicant.lookupCertificate(legacy->serial));
    if (!old.ok()) {
        *error = QStringLiteral("lookup: ") + describe(old.error());
        return false;
    }
    Application a;
    a.oldCertificate = old.value();
    a.serial = normalizeSerial(old->serial);
    a.category = category;
    a.years = 1;
    a.acknowledgements.agreement = true;
    a.acknowledgements.oldCertificateRevocation = true;
    a.acknowledgements.acknowledgedAt = QDateTime::currentDateTimeUtc();
    // The agreement text the service serves now, as the wizard records it.
    if (auto agreement = await(applicant.agreement()); agreement.ok())
        a.acknowledgements.agreementVersion = agreement->version;
    a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
        QStringLiteral("深圳市南山区科技园南区深南大道10000号")};
    a.invoice = InvoiceKind::Electronic;
    const Person person {institution ? QStringLiteral("李明") : holder,
        institution ? QStringLiteral("440305199007151233") : credential,
        QStringLiteral("1380013800%1").arg(suffix), QStringLiteral("liming@example.com")};
    if (institution) {
        auto banks = await(applicant.banks(QStringLiteral("工商"), 5));
        if (!banks.ok() || banks->isEmpty()) {
            *error = QStringLiteral("banks");
            return false;
        }
        a.organization = {holder, credential, QStringLiteral("深圳市南山区科技园南区深南大道10000号")};
        a.agent = person;
        a.bank = {holder, banks->first().code, banks->first().name, QStringLiteral("4000023009200188888")};
    } else {
        a.applicant = person;
    }
    auto created = await(applicant.createApplication(a));
    if (!created.ok()) {
        *error = QStringLiteral("create: ") + describe(created.error());
        return false;
    }
    out->application = a;
    out->id = created->id;
    out->orderNo = created->orderNo;
    out->token = created->accessToken;
    return true;
}

// The same through the sandbox certdesk-server's applicant client.
inline bool createApplication(
    CentreServer& s, CertificateCategory category, CreatedApp* out, QString* error, int suffix = 0)
{
    return createApplication(*s.applicant, category, out, error, suffix);
}

// Records `app` in `store` as the wizard does on submitting: a draft at the review page and the submission.
inline bool recordSubmission(LocalStore& store, const CreatedApp& app, const QString& serverUrl)
{
    Application a = app.application;
    a.id = app.id;
    a.orderNo = app.orderNo;
    Submission s;
    s.applicationId = app.id;
    s.orderNo = app.orderNo;
    s.accessToken = app.token;
    s.category = a.category;
    s.serverUrl = serverUrl;
    s.draftId = DraftStore(store).create(a, ui::ApplicationWizard::ReviewPage);
    return !s.draftId.isEmpty() && SubmissionStore(store).record(s);
}

// Everything before payment, through the API (for tests that start at the payment page).
inline bool prepareForPayment(CentreServer& s, const CreatedApp& app, QString* error)
{
    int seed = 3;
    for (DocumentKind kind : requiredDocuments(app.application.category)) {
        auto stored = await(s.applicant->uploadDocument(
            app.id, app.token, kind, makeJpeg(QSize(400, 560), seed++), QStringLiteral("image/jpeg")));
        if (!stored.ok()) {
            *error = QStringLiteral("upload: ") + describe(stored.error());
            return false;
        }
    }
    auto session = await(s.applicant->startLiveness(app.id, app.token));
    if (!session.ok()) {
        *error = QStringLiteral("liveness: ") + describe(session.error());
        return false;
    }
    const Person& p = app.application.responsiblePerson();
    auto outcome = await(s.applicant->sandboxLiveness(session->sessionId, p.name, p.idNumber, true));
    if (!outcome.ok() || outcome->status != LivenessState::Passed) {
        *error = QStringLiteral("liveness did not pass");
        return false;
    }
    return true;
}

inline ui::CentreServices fakeServices(FakeFileChooser* files, FakePrintService* printer,
    FakeNotifier* notifier, documents::ScanSource* scanner, bool kiosk = false)
{
    ui::CentreServices services;
    services.files = files;
    services.printer = printer;
    services.notifier = notifier;
    services.scanner = scanner;
    services.kiosk = kiosk;
    services.sandbox = true;
    // Fast polling: the tests wait on the page's state, not on the clock.
    services.poll = {50, 200, 1.5};
    return services;
}

// The fakes a centre test hands the centre, kept together.
struct CentreFakes
{
    FakeFileChooser files;
    FakePrintService printer;
    FakeNotifier notifier;
    FakeScanSource scanner;

    [[nodiscard]] ui::CentreServices services(bool kiosk = false)
    {
        return fakeServices(&files, &printer, &notifier, &scanner, kiosk);
    }
};

} // namespace certdesk::test
