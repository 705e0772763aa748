#pragma once

// Shared by the counter desk GUI tests: a fake PIN prompt, a label printer that renders at the label's own
// size, a staff account with both roles, applications driven to `in_review` through the API (documents,
// sandbox liveness, sandbox payment), SoftHSM tokens, and QR decoding of images with zbarimg.

#include "CentreFixture.h"
#include "widgets/PinPrompt.h"

#include <QImage>
#include <QPainter>
#include <QProcess>

namespace certdesk::test {

// Answers PIN prompts from a queue and records what was asked (never a real PIN dialog).
class FakePinPrompt final : public ui::PinPrompt
{
public:
    QStringList pins; // answers, first first; none left: cancelled
    std::optional<ui::PinChange> change; // the answer to askPinChange (nullopt: declined)
    QList<ui::PinRequest> requests;
    QList<ui::PinRequest> changeRequests;
    QList<bool> changeOldKnown;

    std::optional<QString> askPin(QWidget*, const ui::PinRequest& request) override
    {
        requests << request;
        if (pins.isEmpty())
            return std::nullopt;
        return pins.takeFirst();
    }
    std::optional<ui::PinChange> askPinChange(
        QWidget*, const ui::PinRequest& request, bool oldPinKnown) override
    {
        changeRequests << request;
        changeOldKnown << oldPinKnown;
        return change;
    }
};

// Renders whatever is printed at 10 px/mm onto an image of the label's size (100 x 150 mm), or A4 for forms.
class FakeLabelPrinter final : public ui::PrintService
{
public:
    int previews = 0;
    int prints = 0;
    QString lastTitle;
    QImage lastPage;

    Outcome preview(QWidget*, const print::PrintedForm& form) override
    {
        ++previews;
        return render(form);
    }
    Outcome print(QWidget*, const print::PrintedForm& form) override
    {
        ++prints;
        return render(form);
    }

private:
    Outcome render(const print::PrintedForm& form)
    {
        lastTitle = form.title();
        if (print::PrintResult valid = form.validate(); !valid)
            return {valid, false};
        lastPage = QImage(1000, 1500, QImage::Format_RGB32);
        lastPage.fill(Qt::white);
        QPainter painter(&lastPage);
        form.paintPage(painter, QRectF(0, 0, 1000, 1500));
        return {{}, true};
    }
};

// Creates or replaces a staff account on the running server's data directory (certdesk-server --set-staff,
// the password on standard input).
inline bool setStaff(const ServerProcess& server, const QString& user, const QString& password,
    const QString& roles, QString* error)
{
    QProcess p;
    p.start(ServerProcess::defaultExecutable(),
        {QStringLiteral("--data-dir"), server.dataDirectory(), QStringLiteral("--set-staff"), user,
            QStringLiteral("--roles"), roles});
    if (!p.waitForStarted(30000)) {
        *error = p.errorString();
        return false;
    }
    p.write((password + QLatin1Char('\n')).toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    return true;
}

// Pays the application in the sandbox (WeChat, completed by the sandbox): it goes to review.
inline bool payInSandbox(CentreServer& s, const CreatedApp& app, QString* error)
{
    auto payment = await(s.applicant->createPayment(app.id, app.token, api::PaymentMethod::WeChat));
    if (!payment.ok()) {
        *error = QStringLiteral("payment: ") + describe(payment.error());
        return false;
    }
    auto done = await(s.applicant->sandboxCompletePayment(payment->paymentId));
    if (!done.ok()) {
        *error = QStringLiteral("complete: ") + describe(done.error());
        return false;
    }
    return true;
}

// An application in review: created, documents uploaded, liveness passed, paid.
inline bool applicationInReview(
    CentreServer& s, CertificateCategory category, CreatedApp* out, QString* error, int suffix)
{
    return createApplication(s, category, out, error, suffix) && prepareForPayment(s, *out, error)
        && payInSandbox(s, *out, error);
}

inline std::optional<Application> fetch(CentreServer& s, const CreatedApp& app)
{
    auto r = await(s.applicant->getApplication(app.id, app.token));
    if (!r.ok())
        return std::nullopt;
    return r.value();
}

// Every QR code zbarimg finds in the image.
inline QString decodeQrImage(const QImage& image, const QTemporaryDir& dir)
{
    const QString path
        = dir.filePath(QStringLiteral("qr-image-%1.png").arg(QDateTime::currentMSecsSinceEpoch()));
    if (!image.save(path, "PNG"))
        return {};
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path});
    if (!zbar.waitForFinished(30000))
        return {};
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

} // namespace certdesk::test
