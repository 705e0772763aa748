#include "centre/DocumentSlot.h"

#include "api/ApiClient.h"
#include "centre/CentreSession.h"
#include "centre/DocumentJob.h"
#include "documents/ContentType.h"
#include "documents/StampedFormCheck.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

QString typeName(const QString& mime)
{
    switch (documents::contentTypeFromMimeType(mime)) {
    case documents::ContentType::Jpeg:
        return QStringLiteral("JPEG");
    case documents::ContentType::Png:
        return QStringLiteral("PNG");
    case documents::ContentType::Gif:
        return QStringLiteral("GIF");
    case documents::ContentType::Bmp:
        return QStringLiteral("BMP");
    case documents::ContentType::Pdf:
        return QStringLiteral("PDF");
    case documents::ContentType::Unknown:
        break;
    }
    return mime;
}

// "*.jpg *.jpeg ..." for the accepted MIME types of GET /config.
QString suffixPatterns(const QStringList& acceptedTypes)
{
    QStringList patterns;
    for (const QString& mime : acceptedTypes) {
        switch (documents::contentTypeFromMimeType(mime)) {
        case documents::ContentType::Jpeg:
            patterns << QStringLiteral("*.jpg") << QStringLiteral("*.jpeg");
            break;
        case documents::ContentType::Png:
            patterns << QStringLiteral("*.png");
            break;
        case documents::ContentType::Gif:
            patterns << QStringLiteral("*.gif");
            break;
        case documents::ContentType::Bmp:
            patterns << QStringLiteral("*.bmp");
            break;
        case documents::ContentType::Pdf:
            patterns << QStringLiteral("*.pdf");
            break;
        case documents::ContentType::Unknown:
            break;
        }
    }
    if (patterns.isEmpty())
        patterns << QStringLiteral("*.jpg") << QStringLiteral("*.jpeg") << QStringLiteral("*.bmp")
                 << QStringLiteral("*.gif");
    return patterns.join(QLatin1Char(' '));
}

} // namespace

DocumentSlot::DocumentSlot(DocumentKind kind, CentreSession* session, QWidget* parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_session(session)
    , m_title(new QLabel(this))
    , m_rule(new QLabel(this))
    , m_thumbnail(new QLabel(this))
    , m_status(new QLabel(this))
    , m_rejection(new QLabel(this))
    , m_error(new QLabel(this))
    , m_letterCheck(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_choose(new QPushButton(tr("Choose file…"), this))
    , m_scan(new QPushButton(tr("Scan"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    const QString suffix = objectSuffix();
    const CertificateCategory category = session->application().category;
    const QString name = documentDisplayName(kind, category);
    setObjectName(QStringLiteral("documentSlot_") + suffix);
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(name);

    m_title->setObjectName(QStringLiteral("documentTitle_") + suffix);
    m_title->setText(
        QStringLiteral("<span style='color:#c62828'>*</span> <b>%1</b>").arg(name.toHtmlEscaped()));
    m_rule->setObjectName(QStringLiteral("documentRule_") + suffix);
    m_rule->setText(documentRequirement(kind, category));
    m_rule->setWordWrap(true);
    m_thumbnail->setObjectName(QStringLiteral("documentThumbnail_") + suffix);
    m_thumbnail->setAccessibleName(tr("Preview of %1").arg(name));
    m_thumbnail->setFixedSize(DocumentJob::ThumbnailSide * 3 / 4 + 4, DocumentJob::ThumbnailSide + 4);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setWordWrap(true);
    m_thumbnail->setStyleSheet(
        QStringLiteral("QLabel { background: #f5f5f5; border: 1px solid #cfd8dc; color: #607d8b; }"));
    m_status->setObjectName(QStringLiteral("documentStatus_") + suffix);
    m_status->setWordWrap(true);
    m_rejection->setObjectName(QStringLiteral("documentRejection_") + suffix);
    m_rejection->setWordWrap(true);
    m_rejection->setStyleSheet(QStringLiteral("color: #b71c1c; font-weight: bold;"));
    m_rejection->setVisible(false);
    m_error->setObjectName(QStringLiteral("documentError_") + suffix);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setVisible(false);
    m_letterCheck->setObjectName(QStringLiteral("documentLetterCheck_") + suffix);
    m_letterCheck->setAccessibleName(tr("QR code check of %1").arg(name));
    m_letterCheck->setWordWrap(true);
    m_letterCheck->setStyleSheet(QStringLiteral("color: #455a64;"));
    m_letterCheck->setVisible(false);
    m_progress->setObjectName(QStringLiteral("documentProgress_") + suffix);
    m_progress->setAccessibleName(tr("Progress of %1").arg(name));
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);

    m_choose->setObjectName(QStringLiteral("documentChoose_") + suffix);
    m_choose->setAccessibleName(tr("Choose a file for %1").arg(name));
    m_choose->setAccessibleDescription(tr("Uploads a scan or photo of the stamped document from a file"));
    m_scan->setObjectName(QStringLiteral("documentScan_") + suffix);
    m_scan->setAccessibleName(tr("Scan %1").arg(name));
    m_scan->setAccessibleDescription(tr("Scans the stamped document on the scanner and uploads it"));
    m_cancel->setObjectName(QStringLiteral("documentCancel_") + suffix);
    m_cancel->setAccessibleName(tr("Cancel %1").arg(name));
    m_cancel->setAccessibleDescription(tr("Stops the upload or scan that is running"));
    m_cancel->setVisible(false);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_choose);
    buttons->addWidget(m_scan);
    if (kind == DocumentKind::ESealForm) {
        // The guide: 请下载电子印章采集表模板 next to this slot (模板下载).
        // Without file access (kiosk) the template is printed instead of saved.
        const bool files = !session->services().kiosk && session->services().files;
        m_template = new QPushButton(files ? tr("Download template") : tr("Print template"), this);
        m_template->setObjectName(QStringLiteral("documentTemplate_") + suffix);
        m_template->setAccessibleName(tr("Download the electronic seal collection form template"));
        m_template->setAccessibleDescription(tr("The form to print, stamp and upload here"));
        buttons->addWidget(m_template);
        connect(m_template, &QPushButton::clicked, this, &DocumentSlot::templateRequested);
    }
    buttons->addWidget(m_cancel);
    buttons->addStretch();

    // The text (the guide's rule, state and messages) takes every spare pixel; the thumbnail and the buttons
    // keep their natural size. Word-wrapped labels report a tiny preferred width, so they are told to expand.
    for (QLabel* label : {m_title, m_rule, m_status, m_letterCheck, m_rejection, m_error})
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_rule);
    text->addWidget(m_status);
    text->addWidget(m_letterCheck);
    text->addWidget(m_rejection);
    text->addWidget(m_error);
    text->addWidget(m_progress);
    text->addStretch();
    buttons->setContentsMargins(0, 0, 0, 0);

    auto* layout = new QGridLayout(this);
    layout->addWidget(m_thumbnail, 0, 0, Qt::AlignTop);
    layout->addLayout(text, 0, 1);
    layout->addLayout(buttons, 0, 2);
    layout->setColumnStretch(1, 1);

    connect(m_choose, &QPushButton::clicked, this, &DocumentSlot::chooseFile);
    connect(m_scan, &QPushButton::clicked, this, &DocumentSlot::startScan);
    connect(m_cancel, &QPushButton::clicked, this, &DocumentSlot::cancel);

    refreshDisplay();
}

DocumentSlot::~DocumentSlot()
{
    if (m_upload)
        m_upload->abort();
    delete m_job; // cancels and waits for the worker
}

QString DocumentSlot::objectSuffix() const
{
    return documentKindToApi(m_kind);
}

QString DocumentSlot::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString DocumentSlot::statusText() const
{
    return m_status->text();
}

QString DocumentSlot::letterCheckText() const
{
    return m_letterCheck->text();
}

void DocumentSlot::setLetterCheck(const QString& note)
{
    m_letterCheck->setText(note);
    m_letterCheck->setVisible(!note.isEmpty());
}

bool DocumentSlot::checksLetterCode() const
{
    return documents::carriesLetterCode(m_kind);
}

QString DocumentSlot::checkLetterCode(const DocumentJob& job)
{
    const DocumentJob::Output& out = job.result().value();
    const documents::StampedFormVerdict verdict = documents::judgeStampedForm(
        m_kind, m_session->applicationId(), out.letterCodeChecked, out.letterPayloads);
    const CertificateCategory category = m_session->application().category;
    const QString name = documentDisplayName(m_kind, category);
    using Outcome = documents::StampedFormVerdict::Outcome;
    switch (verdict.outcome) {
    case Outcome::NotChecked:
        return {};
    case Outcome::Ours:
        setLetterCheck(tr("QR code of the %1 checked: it belongs to this application.").arg(name));
        return {};
    case Outcome::OtherApplication:
        return tr("This %1 belongs to another application (order number %2). Please upload the %1 printed "
                  "for this application.")
            .arg(name, verdict.payload->orderNo);
    case Outcome::OtherForm:
        return tr("This is the %1, not the %2. Please upload it in its own place and put the %2 here.")
            .arg(documentDisplayName(verdict.payload->document, category), name);
    case Outcome::Unreadable:
        // A photo where the code is blurred or cut off: the reviewer checks the order number by eye.
        setLetterCheck(
            tr("The QR code on the %1 could not be read. It is uploaded anyway; please make sure it is "
               "the form printed for this application (order number %2).")
                .arg(name, m_session->application().orderNo));
        return {};
    }
    return {};
}

bool DocumentSlot::fileSourceAllowed() const
{
    return !m_session->services().kiosk && m_session->services().files;
}

void DocumentSlot::setState(DocumentState state, const std::optional<api::StoredDocument>& stored,
    bool editable, const QString& rejection)
{
    m_state = state;
    if (stored)
        m_stored = stored;
    else if (state == DocumentState::Missing)
        m_stored.reset();
    m_editable = editable;
    // A new rejection asks for a new file again, whatever was uploaded before it.
    if (rejection != m_rejectionText)
        m_uploadedHere = false;
    m_rejectionText = rejection;
    refreshDisplay();
}

void DocumentSlot::refreshDisplay()
{
    setAcceptDrops(m_editable && fileSourceAllowed());
    if (!isBusy()) {
        if (m_state == DocumentState::Uploaded) {
            QString text = tr("Uploaded.");
            if (m_stored) {
                text = tr("Uploaded (%1, %2).")
                           .arg(typeName(m_stored->contentType),
                               QLocale().formattedDataSize(
                                   m_stored->size, 1, QLocale::DataSizeTraditionalFormat));
            }
            m_status->setText(text);
            if (m_thumbnail->pixmap().isNull())
                m_thumbnail->setText(tr("Uploaded"));
        } else {
            m_status->setText(tr("Not uploaded yet."));
            if (m_thumbnail->pixmap().isNull())
                m_thumbnail->setText(tr("Not uploaded"));
        }
    }
    if (!m_rejectionText.isEmpty()) {
        // The reviewer's words already say what to fix; the red frame and the upload buttons say how. Only
        // whether a new file is in is added (the page says once when to resubmit).
        m_rejection->setText(m_uploadedHere
                ? tr("Review comment: %1 A new file has been uploaded.").arg(m_rejectionText)
                : tr("Review comment: %1").arg(m_rejectionText));
        m_rejection->setVisible(true);
    } else {
        m_rejection->clear();
        m_rejection->setVisible(false);
    }
    setFrameColor(m_rejectionText.isEmpty() || m_uploadedHere ? QString() : QStringLiteral("#e57373"));
    updateButtons();
}

void DocumentSlot::setFrameColor(const QString& color)
{
    setStyleSheet(color.isEmpty()
            ? QString()
            : QStringLiteral("QFrame#%1 { border: 2px solid %2; }").arg(objectName(), color));
}

void DocumentSlot::setScannerFree(bool free)
{
    m_scannerFree = free;
    updateButtons();
}

void DocumentSlot::updateButtons()
{
    const bool idle = !isBusy();
    m_choose->setVisible(fileSourceAllowed());
    m_choose->setEnabled(idle && m_editable);
    m_choose->setText(m_state == DocumentState::Uploaded ? tr("Replace file…") : tr("Choose file…"));
    m_scan->setVisible(m_session->services().scanner != nullptr);
    m_scan->setEnabled(idle && m_editable && m_scannerFree);
    m_scan->setText(m_state == DocumentState::Uploaded ? tr("Scan again") : tr("Scan"));
    m_cancel->setVisible(!idle);
}

void DocumentSlot::setPhase(Phase phase)
{
    const bool wasBusy = isBusy();
    m_phase = phase;
    m_progress->setVisible(phase != Phase::Idle);
    if (phase != Phase::Idle)
        m_progress->setValue(0);
    updateButtons();
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void DocumentSlot::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    setAccessibleDescription(message);
}

void DocumentSlot::chooseFile()
{
    if (!fileSourceAllowed() || isBusy() || !m_editable)
        return;
    const QString name = documentDisplayName(m_kind, m_session->application().category);
    const QStringList filters {
        tr("Scans and photos (%1)").arg(suffixPatterns(m_session->config().acceptedTypes)),
        tr("All files (*)"),
    };
    const QString path
        = m_session->services().files->openFile(window(), tr("Choose the file for %1").arg(name), filters);
    if (!path.isEmpty())
        startFile(path);
}

void DocumentSlot::startFile(const QString& path)
{
    if (isBusy() || !m_editable)
        return;
    documents::NormalizerOptions options;
    options.maxBytes = m_session->config().maxDocumentBytes;
    m_status->setText(tr("Checking and preparing %1…").arg(QFileInfo(path).fileName()));
    DocumentJob* job = DocumentJob::fromFile(path, options, this);
    job->setReadLetterCode(checksLetterCode());
    startJob(job, false);
}

void DocumentSlot::startScan()
{
    if (!m_session->services().scanner || isBusy() || !m_editable || !m_scannerFree)
        return;
    documents::NormalizerOptions options;
    options.maxBytes = m_session->config().maxDocumentBytes;
    m_status->setText(tr("Scanning… Put the stamped document on the scanner glass, face down."));
    DocumentJob* job
        = DocumentJob::fromScanner(m_session->services().scanner, documents::ScanOptions {}, options, this);
    job->setReadLetterCode(checksLetterCode());
    startJob(job, true);
}

void DocumentSlot::startJob(DocumentJob* job, bool scanning)
{
    showError({});
    setLetterCheck({});
    m_job = job;
    m_scanning = scanning;
    connect(job, &DocumentJob::progress, m_progress, &QProgressBar::setValue);
    connect(job, &DocumentJob::finished, this, &DocumentSlot::jobFinished);
    setPhase(Phase::Preparing);
    if (scanning)
        Q_EMIT scanningChanged(true);
    job->start();
}

void DocumentSlot::jobFinished()
{
    DocumentJob* job = m_job;
    m_job = nullptr;
    if (m_scanning) {
        m_scanning = false;
        Q_EMIT scanningChanged(false);
    }
    const DocumentJob::Result& result = job->result();
    if (!result.ok()) {
        const bool cancelled = result.status() == documents::DocumentStatus::Cancelled;
        setPhase(Phase::Idle);
        refreshDisplay();
        if (!cancelled)
            showError(result.message() + QLatin1Char(' ') + tr("Nothing was uploaded."));
        job->deleteLater();
        return;
    }
    if (const QString refusal = checkLetterCode(*job); !refusal.isEmpty()) {
        setPhase(Phase::Idle);
        refreshDisplay();
        showError(refusal + QLatin1Char(' ') + tr("Nothing was uploaded."));
        job->deleteLater();
        return;
    }
    const DocumentJob::Output& out = result.value();
    if (!out.thumbnail.isNull()) {
        m_thumbnail->setPixmap(QPixmap::fromImage(out.thumbnail));
    } else {
        m_thumbnail->setPixmap({});
        m_thumbnail->setText(typeName(out.document.contentType));
    }
    m_pendingBytes = out.document.bytes;
    m_pendingType = out.document.contentType;
    job->deleteLater();
    upload();
}

void DocumentSlot::upload()
{
    setPhase(Phase::Uploading);
    m_status->setText(tr("Uploading…"));
    auto* reply = m_session->api()->uploadDocument(
        m_session->applicationId(), m_session->accessToken(), m_kind, m_pendingBytes, m_pendingType);
    m_upload = reply;
    connect(reply, &api::ApiReplyBase::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (total > 0)
            m_progress->setValue(int(sent * 100 / total));
    });
    reply->then(this, [this](const api::ApiResult<api::StoredDocument>& r) {
        m_upload.clear();
        m_pendingBytes.clear();
        setPhase(Phase::Idle);
        if (!r.ok()) {
            const bool cancelled = r.error().kind == api::ApiError::Kind::Cancelled;
            if (m_state != DocumentState::Uploaded)
                m_thumbnail->setPixmap({});
            setLetterCheck({}); // about the file that did not go out
            refreshDisplay();
            if (!cancelled)
                showError(tr("The upload failed: %1").arg(r.error().userMessage()));
            return;
        }
        m_uploadedHere = true;
        m_state = DocumentState::Uploaded;
        m_stored = r.value();
        refreshDisplay();
        Q_EMIT uploaded(m_kind);
    });
}

void DocumentSlot::cancel()
{
    if (m_job)
        m_job->cancel();
    if (m_upload)
        m_upload->abort();
}

void DocumentSlot::highlight()
{
    QWidget* target = m_choose->isVisible() ? static_cast<QWidget*>(m_choose) : m_scan;
    if (target->isVisible() && target->isEnabled())
        target->setFocus(Qt::OtherFocusReason);
    // A short flash of the frame so that the eye finds the slot after the tab switch.
    setFrameColor(QStringLiteral("#ef6c00"));
    QTimer::singleShot(1500, this, [this] { refreshDisplay(); });
}

void DocumentSlot::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (m_editable && !isBusy() && fileSourceAllowed() && mime->hasUrls() && mime->urls().size() == 1
        && mime->urls().first().isLocalFile()) {
        event->acceptProposedAction();
        return;
    }
    event->ignore();
}

void DocumentSlot::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (!mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    startFile(mime->urls().first().toLocalFile());
}

} // namespace certdesk::ui
