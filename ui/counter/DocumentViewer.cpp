#include "counter/DocumentViewer.h"

#include "api/ApiClient.h"
#include "centre/CentreServices.h"
#include "counter/CounterSession.h"

#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>

namespace certdesk::ui {

namespace {

QString suffixFor(const QString& contentType)
{
    if (contentType == QLatin1String("application/pdf"))
        return QStringLiteral("pdf");
    if (contentType == QLatin1String("image/png"))
        return QStringLiteral("png");
    if (contentType == QLatin1String("image/bmp"))
        return QStringLiteral("bmp");
    if (contentType == QLatin1String("image/gif"))
        return QStringLiteral("gif");
    return QStringLiteral("jpg");
}

} // namespace

DocumentViewer::DocumentViewer(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_info(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_image(new QLabel)
    , m_open(new QPushButton(tr("Open with the system viewer"), this))
    , m_fitWidth(new QPushButton(tr("Fit width"), this))
{
    setObjectName(QStringLiteral("documentViewer"));
    m_list->setObjectName(QStringLiteral("documentList"));
    m_list->setAccessibleName(tr("Uploaded documents"));
    m_list->setMaximumWidth(180);
    m_info->setObjectName(QStringLiteral("documentInfo"));
    m_info->setWordWrap(true);
    m_image->setObjectName(QStringLiteral("documentImage"));
    m_image->setAccessibleName(tr("Document picture"));
    m_image->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_scroll->setObjectName(QStringLiteral("documentScroll"));
    m_scroll->setWidget(m_image);
    m_scroll->setWidgetResizable(true);
    m_scroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_open->setObjectName(QStringLiteral("openDocumentButton"));
    m_open->setAccessibleName(tr("Open the document with the system viewer"));
    m_open->setEnabled(false);
    m_fitWidth->setObjectName(QStringLiteral("documentFitWidthButton"));
    m_fitWidth->setAccessibleName(tr("Show the document at the width of the view"));
    m_fitWidth->setCheckable(true);

    auto* right = new QVBoxLayout;
    auto* infoRow = new QHBoxLayout;
    infoRow->addWidget(m_info, 1);
    infoRow->addWidget(m_fitWidth);
    infoRow->addWidget(m_open);
    right->addLayout(infoRow);
    right->addWidget(m_scroll, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(right, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        const auto kind = documentKindFromApi(m_list->item(row)->data(Qt::UserRole).toString());
        if (kind)
            showDocument(*kind);
    });
    connect(m_open, &QPushButton::clicked, this, &DocumentViewer::openExternally);
    connect(m_fitWidth, &QPushButton::toggled, this, &DocumentViewer::showImage);
}

void DocumentViewer::clear()
{
    ++m_generation;
    m_list->clear();
    m_info->clear();
    m_image->clear();
    m_bytes.clear();
    m_contentType.clear();
    m_picture = {};
    m_kind.reset();
    m_open->setEnabled(false);
}

void DocumentViewer::setApplication(const QString& applicationId, const QString& orderNo,
    CertificateCategory category, const QList<api::StoredDocument>& documents)
{
    clear();
    m_applicationId = applicationId;
    m_orderNo = orderNo;
    m_category = category;
    const QLocale locale;
    QList<DocumentKind> kinds = requiredDocuments(category);
    for (const api::StoredDocument& d : documents) {
        if (!kinds.contains(d.kind))
            kinds.append(d.kind);
    }
    const QSignalBlocker block(m_list);
    for (DocumentKind kind : std::as_const(kinds)) {
        const auto stored = std::find_if(documents.cbegin(), documents.cend(),
            [kind](const api::StoredDocument& d) { return d.kind == kind; });
        auto* item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, documentKindToApi(kind));
        if (stored == documents.cend()) {
            item->setText(tr("%1 (not uploaded)").arg(documentDisplayName(kind, category)));
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        } else {
            item->setText(QStringLiteral("%1\n%2").arg(
                documentDisplayName(kind, category), locale.formattedDataSize(stored->size)));
        }
    }
    m_info->setText(
        documents.isEmpty() ? tr("No document was uploaded.") : tr("Choose a document to view it."));
}

void DocumentViewer::showDocument(DocumentKind kind)
{
    if (!m_session->api() || m_applicationId.isEmpty())
        return;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == documentKindToApi(kind)
            && m_list->currentRow() != i) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(i);
        }
    }
    const int generation = ++m_generation;
    m_kind = kind;
    m_bytes.clear();
    m_contentType.clear();
    m_picture = {};
    m_image->clear();
    m_open->setEnabled(false);
    m_info->setText(tr("Loading %1…").arg(documentDisplayName(kind, m_category)));
    m_session->api()
        ->staffDocument(m_applicationId, kind)
        ->then(this, [this, generation, kind](const api::ApiResult<api::BinaryContent>& r) {
            if (generation != m_generation)
                return; // another document was chosen meanwhile
            if (!r.ok()) {
                m_info->setText(CounterSession::errorText(r.error()));
                return;
            }
            m_bytes = r->bytes;
            m_contentType = r->contentType.section(QLatin1Char(';'), 0, 0).trimmed();
            const QString size = QLocale().formattedDataSize(m_bytes.size());
            const QString name = documentDisplayName(kind, m_category);
            if (m_contentType == QLatin1String("application/pdf")) {
                m_info->setText(
                    tr("%1: PDF document, %2. Open it with the system viewer to read it.").arg(name, size));
            } else if (m_picture.loadFromData(m_bytes)) {
                m_info->setText(tr("%1: picture %2 × %3 pixels, %4.")
                                    .arg(name)
                                    .arg(m_picture.width())
                                    .arg(m_picture.height())
                                    .arg(size));
                showImage();
            } else {
                m_info->setText(tr("%1: %2, %3; it cannot be shown here.").arg(name, m_contentType, size));
            }
            m_open->setEnabled(true);
            Q_EMIT documentShown(kind);
        });
}

QString DocumentViewer::infoText() const
{
    return m_info->text();
}

void DocumentViewer::showImage()
{
    if (m_picture.isNull())
        return;
    const QSize view = m_scroll->viewport()->size() - QSize(8, 8);
    QImage scaled;
    if (m_fitWidth->isChecked())
        scaled = m_picture.width() > view.width()
            ? m_picture.scaledToWidth(std::max(100, view.width()), Qt::SmoothTransformation)
            : m_picture;
    else if (m_picture.width() > view.width() || m_picture.height() > view.height())
        scaled = m_picture.scaled(
            view.expandedTo(QSize(100, 100)), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    else
        scaled = m_picture;
    m_image->setPixmap(QPixmap::fromImage(scaled));
}

void DocumentViewer::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    showImage();
}

void DocumentViewer::openExternally()
{
    if (m_bytes.isEmpty() || !m_kind)
        return;
    Notifier* notifier = m_session->services().notifier;
    const QString dir = m_session->temporaryDirectory();
    // The order number names the file, not the person: the folder goes away at sign-out.
    const QString path = QDir(dir).filePath(
        QStringLiteral("%1-%2.%3").arg(m_orderNo, documentKindToApi(*m_kind), suffixFor(m_contentType)));
    QFile file(path);
    if (dir.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(m_bytes) != m_bytes.size()) {
        if (notifier)
            notifier->warning(window(), tr("Open document"),
                tr("The document could not be saved for viewing: check the disk space."));
        return;
    }
    file.close();
    if (!notifier || !notifier->openUrl(QUrl::fromLocalFile(path))) {
        if (notifier)
            notifier->warning(
                window(), tr("Open document"), tr("No program to show this document was found on this PC."));
    }
}

} // namespace certdesk::ui
