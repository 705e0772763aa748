// The printed forms end to end: PDF written with QPdfWriter, read back with pdftotext/pdfinfo/pdffonts, the
// QR code rendered with pdftoppm and decoded with zbarimg, as a reviewer's scanner would.
#include "domain/Translations.h"
#include "print/LetterLayout.h"
#include "print/PdfExport.h"

#include "TestEnvironment.h"
#include "ToolRunner.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTranslator>

#include <memory>

using namespace certdesk;
using namespace certdesk::print;

namespace {

enum class Form
{
    Letter,
    ESeal
};

QString squash(QString text)
{
    // pdftotext -layout pads columns with spaces and may break a CJK run where the layout wrapped it;
    // comparing without whitespace keeps the test about content, not about column positions.
    return text.remove(QRegularExpression(QStringLiteral("\\s+")));
}

} // namespace

class TestLetterLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void forms_data();
    void forms();
    void defaultDateIsTodayInShanghai();
    void notSubmittedIsRefused();
    void unwritablePathIsReported();
    void writesToDevice();
    void followsTheUiLanguage();

private:
    [[nodiscard]] Application application(const QString& key) const;
    std::unique_ptr<PrintedForm> makeForm(Form form, const Application& app) const;

    QJsonObject m_data;
    QTemporaryDir m_dir;
    FormOptions m_options;
};

void TestLetterLayout::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    if (qEnvironmentVariableIsSet("CERTDESK_KEEP_TEST_FILES")) { // to look at the PDFs and PNGs after a run
        m_dir.setAutoRemove(false);
        qInfo("output kept in %s", qPrintable(m_dir.path()));
    }
    QFile file(QFINDTESTDATA("data/forms.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    m_data = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!m_data.isEmpty());

    // zh_CN is the default UI language (the built-in catalogue).
    installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN"));
    m_options.date = QDate(2025, 7, 10);
}

Application TestLetterLayout::application(const QString& key) const
{
    return Application::fromDraftJson(m_data.value(key).toObject());
}

std::unique_ptr<PrintedForm> TestLetterLayout::makeForm(Form form, const Application& app) const
{
    if (form == Form::Letter)
        return std::make_unique<LetterLayout>(app, m_options);
    return std::make_unique<ESealFormLayout>(app, m_options);
}

void TestLetterLayout::forms_data()
{
    QTest::addColumn<QString>("applicationKey");
    QTest::addColumn<int>("form");
    QTest::addColumn<QString>("labelsKey");
    QTest::addColumn<QString>("docKind");

    QTest::newRow("institution letter")
        << QStringLiteral("institution") << int(Form::Letter) << QStringLiteral("letter_institution")
        << QStringLiteral("application_form");
    QTest::newRow("natural person letter")
        << QStringLiteral("natural_person") << int(Form::Letter) << QStringLiteral("letter_natural_person")
        << QStringLiteral("application_form");
    QTest::newRow("institution e-seal form")
        << QStringLiteral("institution") << int(Form::ESeal) << QStringLiteral("e_seal_institution")
        << QStringLiteral("e_seal_form");
    QTest::newRow("natural person e-seal form")
        << QStringLiteral("natural_person") << int(Form::ESeal) << QStringLiteral("e_seal_natural_person")
        << QStringLiteral("e_seal_form");
}

void TestLetterLayout::forms()
{
    QFETCH(QString, applicationKey);
    QFETCH(int, form);
    QFETCH(QString, labelsKey);
    QFETCH(QString, docKind);

    const Application app = application(applicationKey);
    QVERIFY(!app.id.isEmpty());
    const std::unique_ptr<PrintedForm> printed = makeForm(Form(form), app);
    const QString pdf = m_dir.filePath(labelsKey + QStringLiteral(".pdf"));
    const PrintResult result = renderPdf(*printed, pdf);
    QVERIFY2(result.ok(), qPrintable(result.detail));

    // One A4 page, titled.
    const test::ToolRun info = test::runTool(QStringLiteral("pdfinfo"), {pdf});
    QVERIFY2(info.ok, qPrintable(info.error));
    const QString infoText = QString::fromUtf8(info.out);
    QVERIFY2(infoText.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(infoText));
    QVERIFY2(infoText.contains(QStringLiteral("(A4)")), qPrintable(infoText));
    QVERIFY2(infoText.contains(QStringLiteral("Title:")) && infoText.contains(printed->title()),
        qPrintable(infoText));

    // Every value and every label of the guide's sample is in the text layer.
    const test::ToolRun text = test::runTool(QStringLiteral("pdftotext"),
        {QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf,
            QStringLiteral("-")});
    QVERIFY2(text.ok, qPrintable(text.error));
    const QString content = squash(QString::fromUtf8(text.out));
    const bool institution = isInstitution(app.category);
    const Person& person = app.responsiblePerson();
    QStringList values {app.orderNo, person.name, person.idNumber, person.mobile, person.email};
    if (institution)
        values << app.organization.name << app.organization.credentialNumber << app.organization.address;
    if (Form(form) == Form::Letter)
        values << formatYuan(app.fees.certificateFen);
    for (const QString& value : std::as_const(values)) {
        QVERIFY(!value.isEmpty());
        QVERIFY2(content.contains(squash(value)), qPrintable(QStringLiteral("missing value: ") + value));
    }
    if (applicationKey == QLatin1String("institution") && Form(form) == Form::Letter)
        QVERIFY(content.contains(QStringLiteral("360.00")));
    const QJsonArray labels = m_data.value(QStringLiteral("labels")).toObject().value(labelsKey).toArray();
    QVERIFY(!labels.isEmpty());
    for (const QJsonValue& label : labels) {
        QVERIFY2(content.contains(squash(label.toString())),
            qPrintable(QStringLiteral("missing label: ") + label.toString()));
    }

    // Fonts: embedded, and a CJK face among them (not a fallback without Chinese glyphs).
    const test::ToolRun fonts = test::runTool(QStringLiteral("pdffonts"), {pdf});
    QVERIFY2(fonts.ok, qPrintable(fonts.error));
    const QStringList lines = QString::fromUtf8(fonts.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 3, qPrintable(QString::fromUtf8(fonts.out))); // header, rule, fonts
    const QString header = lines.at(0);
    const qsizetype embColumn = header.indexOf(QStringLiteral(" emb"));
    QVERIFY(embColumn > 0);
    bool cjk = false;
    for (const QString& line : lines.mid(2)) {
        // Columns: name type encoding emb sub uni object ID; "emb" is the 4th from the right.
        const QStringList columns = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QVERIFY2(columns.size() >= 7, qPrintable(line));
        QVERIFY2(columns.at(columns.size() - 5) == QLatin1String("yes"),
            qPrintable(QStringLiteral("not embedded: ") + line));
        cjk = cjk || line.contains(QStringLiteral("CJK"), Qt::CaseInsensitive);
    }
    QVERIFY2(cjk, qPrintable(QString::fromUtf8(fonts.out)));

    // The QR code decodes to exactly the payload, which names this application.
    const QString prefix = m_dir.filePath(labelsKey);
    const test::ToolRun raster = test::runTool(QStringLiteral("pdftoppm"),
        {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-png"), QStringLiteral("-f"),
            QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), pdf, prefix});
    QVERIFY2(raster.ok, qPrintable(raster.error));
    const QStringList pngs
        = QDir(m_dir.path()).entryList({labelsKey + QStringLiteral("-*1.png")}, QDir::Files, QDir::Name);
    QCOMPARE(pngs.size(), 1);
    const QString png = m_dir.filePath(pngs.first());
    const QImage page(png);
    QCOMPARE(page.width(), 1240); // 210 mm at 150 dpi
    const test::ToolRun decoded
        = test::runTool(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), png});
    QVERIFY2(decoded.ok, qPrintable(decoded.error));
    const QString qr = QString::fromUtf8(decoded.out).trimmed();
    QCOMPARE(qr, printed->payload().toString());
    const std::optional<LetterPayload> parsed = LetterPayload::parse(qr);
    QVERIFY(parsed);
    QCOMPARE(parsed->applicationId, app.id);
    QCOMPARE(parsed->orderNo, app.orderNo);
    QCOMPARE(documentKindToApi(parsed->document), docKind);
}

void TestLetterLayout::defaultDateIsTodayInShanghai()
{
    const LetterLayout letter(application(QStringLiteral("institution")));
    const QDate today
        = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai"))).date();
    // A run across midnight may see the next day; never anything else.
    QVERIFY2(
        letter.date() == today || letter.date() == today.addDays(-1), qPrintable(letter.date().toString()));
}

void TestLetterLayout::notSubmittedIsRefused()
{
    Application app = application(QStringLiteral("institution"));
    app.orderNo.clear();
    const QString pdf = m_dir.filePath(QStringLiteral("unsubmitted.pdf"));
    const PrintResult result = renderLetterPdf(app, pdf, m_options);
    QCOMPARE(result.status, PrintStatus::NotSubmitted);
    QVERIFY(!result.message().isEmpty());
    QVERIFY(!QFile::exists(pdf));

    app = application(QStringLiteral("natural_person"));
    app.id.clear();
    QCOMPARE(renderESealFormPdf(app, pdf, m_options).status, PrintStatus::NotSubmitted);
}

void TestLetterLayout::unwritablePathIsReported()
{
    const QString pdf = m_dir.filePath(QStringLiteral("no/such/folder/letter.pdf"));
    const PrintResult result = renderLetterPdf(application(QStringLiteral("institution")), pdf, m_options);
    QCOMPARE(result.status, PrintStatus::CannotOpenOutput);
    QVERIFY(!result.message().isEmpty());
    QVERIFY(!QFile::exists(pdf));
}

void TestLetterLayout::writesToDevice()
{
    QBuffer buffer;
    const PrintResult result
        = renderLetterPdf(application(QStringLiteral("natural_person")), &buffer, m_options);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QVERIFY(buffer.data().startsWith("%PDF-"));
    QVERIFY(buffer.data().trimmed().endsWith("%%EOF"));

    // Painting on an image (the GUI's preview thumbnail) needs no paged device at all.
    QImage thumbnail(420, 594, QImage::Format_RGB32);
    thumbnail.fill(Qt::red);
    QPainter painter(&thumbnail);
    LetterLayout(application(QStringLiteral("natural_person")), m_options)
        .paintPage(painter, thumbnail.rect());
    painter.end();
    QCOMPARE(thumbnail.pixelColor(2, 2), QColor(Qt::white));
}

void TestLetterLayout::followsTheUiLanguage()
{
    // Without the Chinese catalogues the form prints its English source strings.
    const QList<QTranslator*> installed = QCoreApplication::instance()->findChildren<QTranslator*>();
    for (QTranslator* translator : installed)
        QCoreApplication::removeTranslator(translator);
    const LetterLayout letter(application(QStringLiteral("institution")), m_options);
    QCOMPARE(letter.title(), QStringLiteral("Authorization Letter for Certificate Algorithm Upgrade"));
    QBuffer buffer;
    QVERIFY(renderPdf(letter, &buffer).ok());
    const QString pdf = m_dir.filePath(QStringLiteral("english.pdf"));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(buffer.data());
    file.close();
    const test::ToolRun text
        = test::runTool(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")});
    QVERIFY2(text.ok, qPrintable(text.error));
    const QString content = squash(QString::fromUtf8(text.out));
    QVERIFY(content.contains(squash(QStringLiteral("Renewal + certificate algorithm upgrade"))));
    QVERIFY(content.contains(QStringLiteral("2025")));
    for (QTranslator* translator : installed)
        QCoreApplication::installTranslator(translator);
}

QTEST_MAIN(TestLetterLayout)
#include "tst_letterlayout.moc"
