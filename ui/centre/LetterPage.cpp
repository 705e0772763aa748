#include "centre/LetterPage.h"

#include "centre/CentreSession.h"
#include "print/LetterLayout.h"
#include "print/PdfExport.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {
// A4 portrait: 297 / 210.
constexpr double A4Ratio = 297.0 / 210.0;

QString pdfFileName(const QString& title, const QString& orderNo)
{
    QString name = title + QLatin1Char('-') + orderNo + QStringLiteral(".pdf");
    // Keep the name valid on Windows too.
    static const QString forbidden = QStringLiteral("\\/:*?\"<>|");
    for (QChar& c : name)
        if (forbidden.contains(c))
            c = QLatin1Char('_');
    return name;
}
} // namespace

FormPreview::FormPreview(CentreSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("letterPreview"));
    setAccessibleName(tr("Preview of the application form"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMinimumSize(210, 297);
    connect(session, &CentreSession::applicationChanged, this, qOverload<>(&QWidget::update));
}

QSize FormPreview::sizeHint() const
{
    return {420, int(420 * A4Ratio)};
}

int FormPreview::heightForWidth(int width) const
{
    return int(width * A4Ratio);
}

void FormPreview::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    if (!m_session->isLoaded())
        return;
    // The largest A4 sheet that fits, centred, with a thin shadow edge.
    qreal w = width() - 8;
    qreal h = w * A4Ratio;
    if (h > height() - 8) {
        h = height() - 8;
        w = h / A4Ratio;
    }
    const QRectF sheet((width() - w) / 2, (height() - h) / 2, w, h);
    painter.fillRect(sheet.translated(3, 3), QColor(0, 0, 0, 40));
    const print::LetterLayout letter(m_session->application());
    letter.paintPage(painter, sheet);
    painter.setPen(QColor(0xb0, 0xbe, 0xc5));
    painter.drawRect(sheet);
}

LetterPage::LetterPage(CentreSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_intro(new QLabel(this))
    , m_preview(new FormPreview(session, this))
    , m_scroll(new QScrollArea(this))
    , m_zoomBox(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_previewButton(new QPushButton(tr("Print preview…"), this))
    , m_printButton(new QPushButton(tr("Print application form…"), this))
    , m_saveButton(new QPushButton(tr("Download application form (PDF)…"), this))
    , m_templateButton(new QPushButton(tr("Download the electronic seal collection form…"), this))
    , m_next(new QPushButton(tr("Next: upload documents"), this))
{
    setObjectName(QStringLiteral("letterPage"));
    m_intro->setObjectName(QStringLiteral("letterIntro"));
    m_intro->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("letterStatus"));
    m_status->setWordWrap(true);
    m_previewButton->setObjectName(QStringLiteral("letterPreviewButton"));
    m_printButton->setObjectName(QStringLiteral("letterPrintButton"));
    m_saveButton->setObjectName(QStringLiteral("letterSavePdfButton"));
    m_templateButton->setObjectName(QStringLiteral("eSealTemplateButton"));
    m_templateButton->setAccessibleName(tr("Download the electronic seal collection form template"));
    m_next->setObjectName(QStringLiteral("letterNextButton"));
    m_next->setAccessibleDescription(tr("Goes on to uploading the stamped documents"));
    m_previewButton->setAccessibleDescription(tr("Shows the application form as it will be printed"));
    m_printButton->setAccessibleDescription(tr("Prints the application form to be stamped and signed"));
    m_saveButton->setAccessibleDescription(tr("Saves the application form as a PDF file"));
    m_templateButton->setAccessibleDescription(tr("The electronic seal collection form, pre-filled"));

    const bool files = !session->services().kiosk && session->services().files;
    m_saveButton->setVisible(files);
    // Without file access (kiosk) the template is printed instead of saved.
    if (!files)
        m_templateButton->setText(tr("Print the electronic seal collection form…"));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_printButton);
    buttons->addWidget(m_saveButton);
    buttons->addSpacing(16);
    buttons->addWidget(m_templateButton);
    buttons->addSpacing(16);
    buttons->addWidget(m_status);
    buttons->addStretch();
    buttons->addWidget(m_next);

    auto* buttonBox = new QWidget(this);
    buttonBox->setLayout(buttons);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttonBox->setMaximumWidth(380);

    m_scroll->setObjectName(QStringLiteral("letterPreviewScroll"));
    m_scroll->setWidget(m_preview);
    m_scroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->viewport()->installEventFilter(this);
    m_zoomBox->setObjectName(QStringLiteral("letterZoom"));
    m_zoomBox->setAccessibleName(tr("Zoom of the application form"));
    m_zoomBox->setAccessibleDescription(
        tr("Shows the form as a whole page, as wide as the window, or at its printed size"));
    m_zoomBox->addItem(tr("Whole page"), int(Zoom::WholePage));
    m_zoomBox->addItem(tr("Page width"), int(Zoom::PageWidth));
    m_zoomBox->addItem(tr("100%"), int(Zoom::Actual));
    m_zoomBox->addItem(tr("150%"), int(Zoom::Large));
    m_zoomBox->setCurrentIndex(m_zoomBox->findData(int(m_zoom)));
    connect(m_zoomBox, &QComboBox::activated, this,
        [this](int index) { setZoom(Zoom(m_zoomBox->itemData(index).toInt())); });
    auto* zoomRow = new QHBoxLayout;
    auto* zoomLabel = new QLabel(tr("Zoom:"), this);
    zoomLabel->setBuddy(m_zoomBox);
    zoomRow->addStretch();
    zoomRow->addWidget(zoomLabel);
    zoomRow->addWidget(m_zoomBox);
    auto* previewColumn = new QVBoxLayout;
    previewColumn->addLayout(zoomRow);
    previewColumn->addWidget(m_scroll, 1);

    auto* body = new QHBoxLayout;
    body->addLayout(previewColumn, 1);
    body->addWidget(buttonBox);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(body, 1);

    connect(m_previewButton, &QPushButton::clicked, this, &LetterPage::previewLetter);
    connect(m_printButton, &QPushButton::clicked, this, &LetterPage::printLetter);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { (void)saveLetterPdf(); });
    connect(m_templateButton, &QPushButton::clicked, this, [this] { (void)saveESealTemplate(); });
    connect(m_next, &QPushButton::clicked, this, &LetterPage::nextRequested);
    connect(session, &CentreSession::applicationChanged, this, &LetterPage::updateFromApplication);
    updateFromApplication();
}

QString LetterPage::statusText() const
{
    return m_status->text();
}

void LetterPage::setZoom(Zoom zoom)
{
    m_zoom = zoom;
    m_zoomBox->setCurrentIndex(m_zoomBox->findData(int(zoom)));
    layoutPreview();
}

QSize LetterPage::previewSize() const
{
    return m_preview->size();
}

bool LetterPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        layoutPreview();
    return QWidget::eventFilter(watched, event);
}

void LetterPage::layoutPreview()
{
    const QSize viewport = m_scroll->viewport()->size();
    int width = 0;
    if (m_zoom == Zoom::WholePage) {
        // The whole sheet in the pane: as wide as the pane or as the pane's height allows, whichever is less.
        // (A resizable scroll area would give the sheet its height-for-width, taller than the pane.)
        width = qMin(viewport.width(), int(viewport.height() / A4Ratio));
    } else if (m_zoom == Zoom::PageWidth) {
        // Room for the vertical scroll bar that the taller sheet brings.
        width = viewport.width() - m_scroll->verticalScrollBar()->sizeHint().width();
    } else {
        // A4 is 210 mm wide; at the screen's logical resolution that is the printed size.
        const double factor = m_zoom == Zoom::Large ? 1.5 : 1.0;
        width = int(210.0 / 25.4 * logicalDpiX() * factor);
    }
    width = qMax(width, m_preview->minimumWidth());
    m_preview->resize(width, m_preview->heightForWidth(width));
}

void LetterPage::updateFromApplication()
{
    const Application& a = m_session->application();
    const bool loaded = m_session->isLoaded();
    // The guide's step 5.
    m_intro->setText(
        isInstitution(a.category) ? tr(
            "Print the certificate algorithm upgrade application form, stamp it with the organisation's "
            "official seal and have the agent sign it by hand. Then scan it and upload it in the next step.")
                                  : tr("Print the certificate algorithm upgrade application form and sign it "
                                       "by hand. Then scan it and "
                                       "upload it in the next step."));
    for (QPushButton* b : {m_previewButton, m_printButton, m_saveButton, m_templateButton})
        b->setEnabled(loaded);
    m_next->setVisible(a.status == ApplicationStatus::Draft);
}

void LetterPage::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #2e7d32;"));
}

void LetterPage::previewLetter()
{
    const print::LetterLayout letter(m_session->application());
    const PrintService::Outcome outcome = m_session->services().printer->preview(window(), letter);
    if (!outcome.result.ok())
        setStatus(outcome.result.message(), true);
    else if (outcome.printed)
        setStatus(tr("The application form was sent to the printer."), false);
}

void LetterPage::printLetter()
{
    const print::LetterLayout letter(m_session->application());
    const PrintService::Outcome outcome = m_session->services().printer->print(window(), letter);
    if (!outcome.result.ok())
        setStatus(outcome.result.message(), true);
    else if (outcome.printed)
        setStatus(tr("The application form was sent to the printer."), false);
}

QString LetterPage::saveLetterPdf()
{
    FileChooser* files = m_session->services().files;
    if (!files || m_session->services().kiosk)
        return {};
    const Application& a = m_session->application();
    const print::LetterLayout letter(a);
    const QString path = files->saveFile(
        window(), tr("Save the application form"), pdfFileName(letter.title(), a.orderNo), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return {};
    const print::PrintResult result = print::renderLetterPdf(a, path);
    if (!result.ok()) {
        setStatus(result.message(), true);
        return {};
    }
    setStatus(tr("Saved: %1").arg(QDir::toNativeSeparators(path)), false);
    return path;
}

QString LetterPage::saveESealTemplate()
{
    FileChooser* files = m_session->services().files;
    const Application& a = m_session->application();
    const print::ESealFormLayout form(a);
    if (!files || m_session->services().kiosk) {
        const PrintService::Outcome outcome = m_session->services().printer->print(window(), form);
        if (!outcome.result.ok())
            setStatus(outcome.result.message(), true);
        else if (outcome.printed)
            setStatus(tr("The electronic seal collection form was sent to the printer."), false);
        return {};
    }
    const QString path = files->saveFile(window(), tr("Save the electronic seal collection form"),
        pdfFileName(form.title(), a.orderNo), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return {};
    const print::PrintResult result = print::renderESealFormPdf(a, path);
    if (!result.ok()) {
        setStatus(result.message(), true);
        return {};
    }
    setStatus(tr("Saved: %1").arg(QDir::toNativeSeparators(path)), false);
    return path;
}

} // namespace certdesk::ui
