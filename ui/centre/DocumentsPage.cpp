#include "centre/DocumentsPage.h"

#include "api/ApiClient.h"
#include "centre/CentreSession.h"
#include "centre/DocumentSlot.h"
#include "documents/ContentType.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

QString acceptedTypesText(const QStringList& mimeTypes)
{
    QStringList names;
    for (const QString& mime : mimeTypes) {
        switch (documents::contentTypeFromMimeType(mime)) {
        case documents::ContentType::Jpeg:
            names << QStringLiteral(".jpg") << QStringLiteral(".jpeg");
            break;
        case documents::ContentType::Bmp:
            names << QStringLiteral(".bmp");
            break;
        case documents::ContentType::Gif:
            names << QStringLiteral(".gif");
            break;
        case documents::ContentType::Png:
            names << QStringLiteral(".png");
            break;
        case documents::ContentType::Pdf:
            names << QStringLiteral(".pdf");
            break;
        case documents::ContentType::Unknown:
            break;
        }
    }
    names.removeDuplicates();
    return names.join(QLatin1Char(' '));
}

} // namespace

DocumentsPage::DocumentsPage(CentreSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_intro(new QLabel(this))
    , m_limits(new QLabel(this))
    , m_locked(new QLabel(this))
    , m_holderChange(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_slotsHost(new QWidget(m_scroll))
    , m_slotsLayout(new QVBoxLayout(m_slotsHost))
    , m_next(new QPushButton(tr("Next: identity check"), this))
{
    setObjectName(QStringLiteral("documentsPage"));
    m_intro->setObjectName(QStringLiteral("documentsIntro"));
    m_intro->setWordWrap(true);
    m_limits->setObjectName(QStringLiteral("documentsLimits"));
    m_limits->setWordWrap(true);
    m_locked->setObjectName(QStringLiteral("documentsLocked"));
    m_locked->setWordWrap(true);
    m_locked->setStyleSheet(QStringLiteral("color: #37474f; background: #eceff1; padding: 6px;"));
    m_locked->setVisible(false);
    m_holderChange->setObjectName(QStringLiteral("documentsHolderChanged"));
    m_holderChange->setWordWrap(true);
    m_holderChange->setStyleSheet(
        QStringLiteral("color: #e65100; background: #fff3e0; border: 1px solid #ffb74d; padding: 6px;"));
    m_holderChange->setVisible(false);
    m_scroll->setObjectName(QStringLiteral("documentsScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_slotsHost);
    m_slotsLayout->setContentsMargins(0, 0, 0, 0);
    m_next->setObjectName(QStringLiteral("documentsNextButton"));
    m_next->setAccessibleDescription(tr("Goes on to the identity check once every document is uploaded"));
    m_next->setEnabled(false);

    auto* bottom = new QHBoxLayout;
    bottom->addStretch();
    bottom->addWidget(m_next);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_limits);
    layout->addWidget(m_locked);
    layout->addWidget(m_holderChange);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(bottom);

    connect(m_next, &QPushButton::clicked, this, &DocumentsPage::nextRequested);
    connect(session, &CentreSession::applicationChanged, this, [this] {
        rebuild();
        updateFromApplication();
        loadStoredDocuments();
    });
    if (session->isLoaded()) {
        rebuild();
        updateFromApplication();
        // The checklist does not list the proof of the holder's change: only the stored documents say
        // whether it is in.
        if (asksForHolderChangeProof())
            loadStoredDocuments();
    }
}

bool DocumentsPage::isBusy() const
{
    for (const DocumentSlot* slot : m_slots)
        if (slot->isBusy())
            return true;
    return false;
}

bool DocumentsPage::asksForHolderChangeProof() const
{
    return m_slots.contains(DocumentKind::HolderChangeProof);
}

void DocumentsPage::addSlot(DocumentKind kind, int index)
{
    auto* slot = new DocumentSlot(kind, m_session, m_slotsHost);
    m_slots.insert(kind, slot);
    m_slotsLayout->insertWidget(index, slot);
    // A layout shows a new child of a visible page only from the event loop; shown at once, the box is
    // there for whatever reads the page next (a screen reader, the next step's focus).
    slot->show();
    connect(slot, &DocumentSlot::uploaded, m_session, &CentreSession::refresh);
    connect(slot, &DocumentSlot::templateRequested, this, &DocumentsPage::templateRequested);
    connect(slot, &DocumentSlot::scanningChanged, this, [this, slot](bool scanning) {
        for (DocumentSlot* other : std::as_const(m_slots))
            if (other != slot)
                other->setScannerFree(!scanning);
    });
}

void DocumentsPage::updateHolderChangeSlot()
{
    const Application& a = m_session->application();
    // Asked for when the holder differs, and whenever the reviewer asks for it (a rejection naming it).
    bool wanted = a.holderChanged;
    if (a.status == ApplicationStatus::Rejected) {
        for (const RejectionReason& r : a.rejection)
            wanted = wanted
                || r.target
                    == QLatin1String("document:") + documentKindToApi(DocumentKind::HolderChangeProof);
    }
    DocumentSlot* slot = m_slots.value(DocumentKind::HolderChangeProof);
    if (wanted && !slot) {
        // Last of the boxes, before the layout's closing stretch.
        addSlot(DocumentKind::HolderChangeProof, m_slotsLayout->count() - 1);
    } else if (!wanted && slot && !slot->isBusy()) {
        m_slots.remove(DocumentKind::HolderChangeProof);
        delete slot;
    }
    const bool shown = m_slots.contains(DocumentKind::HolderChangeProof);
    m_holderChange->setVisible(shown);
    if (!shown)
        return;
    // Renewal keeps the old certificate's holder (docs/api.md, the reviewer's approval): the page says in
    // plain words why one more document is needed and which one.
    m_holderChange->setText(isInstitution(a.category)
            ? tr("The organisation name or credential number on this application differs from the old "
                 "certificate. A renewal keeps the holder of the old certificate, so the CA can approve it "
                 "only with a document that proves the change, such as the market regulator's notice "
                 "approving the change of name. Upload it in the box \"%1\" below.")
                  .arg(documentDisplayName(DocumentKind::HolderChangeProof, a.category))
            : tr("The name or ID number on this application differs from the old certificate. A renewal "
                 "keeps the holder of the old certificate, so the CA can approve it only with a document "
                 "that proves the change, such as the public security bureau's certificate of the change of "
                 "name or ID number. Upload it in the box \"%1\" below.")
                  .arg(documentDisplayName(DocumentKind::HolderChangeProof, a.category)));
}

void DocumentsPage::rebuild()
{
    const CertificateCategory category = m_session->application().category;
    if (m_built && category == m_builtFor) {
        updateHolderChangeSlot();
        return;
    }
    // A running upload keeps its slot; a category never changes after submission in practice.
    if (isBusy())
        return;
    qDeleteAll(m_slots);
    m_slots.clear();
    while (QLayoutItem* item = m_slotsLayout->takeAt(0))
        delete item;
    const QList<DocumentKind> kinds = requiredDocuments(category);
    for (int i = 0; i < kinds.size(); ++i)
        addSlot(kinds.at(i), i);
    m_slotsLayout->addStretch();
    m_built = true;
    m_builtFor = category;
    updateHolderChangeSlot();

    updateIntro();
}

void DocumentsPage::updateIntro()
{
    // The guide's step 6; each box below says its own seal and signature rule (the guide's notes), so the
    // page does not repeat them. After a rejection it says once what to do with the red boxes.
    const Application& a = m_session->application();
    if (a.status == ApplicationStatus::Rejected) {
        m_intro->setText(tr("The CA returned the application: upload a new file in each box marked in red, "
                            "then resubmit the application on the progress page."));
        return;
    }
    m_intro->setText(isInstitution(m_builtFor)
            ? tr("Upload the four documents below; each box says which seal and signature it needs.")
            : tr("Upload the three documents below; each box says which signature or seal it needs."));
}

void DocumentsPage::updateFromApplication()
{
    updateIntro();
    const Application& a = m_session->application();
    const api::ServiceConfig& config = m_session->config();
    const QString mb = QLocale().toString(double(config.maxDocumentBytes) / (1024.0 * 1024.0), 'g', 3);
    QString limits
        = tr("Accepted formats: %1; at most %2 MB per file. Scans and photos are straightened, scaled "
             "to A4 and compressed before the upload.")
              .arg(acceptedTypesText(config.acceptedTypes), mb);
    // Two sentences joined as the language joins them (Chinese puts no space after "。").
    limits
        = tr("%1 %2", "two sentences")
              .arg(limits,
                  m_session->services().kiosk ? tr("On this terminal documents are taken with the scanner.")
                                              : tr("You can also drag a file onto its box."));
    m_limits->setText(limits);

    const bool editable = isEditable(a.status);
    m_locked->setVisible(!editable);
    m_locked->setText(tr("The documents are with the CA for review and can no longer be changed."));

    QMap<DocumentKind, QString> rejections;
    if (a.status == ApplicationStatus::Rejected) {
        for (const RejectionReason& r : a.rejection) {
            if (!r.target.startsWith(QLatin1String("document:")))
                continue;
            if (const auto kind = documentKindFromApi(r.target.mid(9))) {
                QString& text = rejections[*kind];
                text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + r.message;
            }
        }
    }
    bool all = true;
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it) {
        DocumentState state = a.checklist.documents.value(it.key(), DocumentState::Missing);
        // Not in the checklist (not required of every application): in once stored, or uploaded here.
        if (it.key() == DocumentKind::HolderChangeProof
            && (m_stored.contains(it.key()) || it.value()->state() == DocumentState::Uploaded))
            state = DocumentState::Uploaded;
        all = all && state == DocumentState::Uploaded;
        std::optional<api::StoredDocument> stored;
        if (m_stored.contains(it.key()))
            stored = m_stored.value(it.key());
        it.value()->setState(state, stored, editable, rejections.value(it.key()));
    }
    m_next->setEnabled(all && !m_slots.isEmpty());
    m_next->setVisible(a.status == ApplicationStatus::Draft);
}

void DocumentsPage::loadStoredDocuments()
{
    if (!m_session->api())
        return;
    m_session->api()
        ->documents(m_session->applicationId(), m_session->accessToken())
        ->then(this, [this](const api::ApiResult<QList<api::StoredDocument>>& r) {
            if (!r.ok())
                return; // the checklist already says what is uploaded; sizes are a nicety
            m_stored.clear();
            for (const api::StoredDocument& d : r.value())
                m_stored.insert(d.kind, d);
            updateFromApplication();
        });
}

void DocumentsPage::showDocument(DocumentKind kind)
{
    DocumentSlot* slot = m_slots.value(kind);
    if (!slot)
        return;
    m_scroll->ensureWidgetVisible(slot);
    slot->highlight();
}

} // namespace certdesk::ui
