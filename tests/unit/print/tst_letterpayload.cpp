#include "print/LetterPayload.h"

#include "TestEnvironment.h"

#include <QTest>

using namespace certdesk;
using namespace certdesk::print;

class TestLetterPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void documentedFormat();
    void roundTrip_data();
    void roundTrip();
    void rejects_data();
    void rejects();
};

void TestLetterPayload::documentedFormat()
{
    const LetterPayload payload {
        QStringLiteral("a7f3c9e2-41d8"), QStringLiteral("168002G110386213"), DocumentKind::ApplicationForm};
    QCOMPARE(payload.toString(),
        QStringLiteral("certdesk:application?id=a7f3c9e2-41d8&order=168002G110386213&doc=application_form"));
    const LetterPayload seal {QStringLiteral("x"), QStringLiteral("1"), DocumentKind::ESealForm};
    QCOMPARE(seal.toString(), QStringLiteral("certdesk:application?id=x&order=1&doc=e_seal_form"));
}

void TestLetterPayload::roundTrip_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("order");
    QTest::addColumn<int>("kind");
    QTest::newRow("uuid") << QStringLiteral("0b9e5d27-ff02-4c31-8a77-d41c62e0b958")
                          << QStringLiteral("1680N71021387078032") << int(DocumentKind::ApplicationForm);
    QTest::newRow("query characters")
        << QStringLiteral("a&b=c#d?e") << QStringLiteral("1+2 3") << int(DocumentKind::ESealForm);
    QTest::newRow("percent") << QStringLiteral("%41%") << QStringLiteral("/order/")
                             << int(DocumentKind::ApplicationForm);
    QTest::newRow("non-ascii") << QString::fromUtf8("caf\xc3\xa9") << QStringLiteral("7")
                               << int(DocumentKind::ESealForm);
}

void TestLetterPayload::roundTrip()
{
    QFETCH(QString, id);
    QFETCH(QString, order);
    QFETCH(int, kind);
    const LetterPayload payload {id, order, DocumentKind(kind)};
    const QString text = payload.toString();
    for (QChar c : text)
        QVERIFY2(c.unicode() > 0x20 && c.unicode() < 0x7f, qPrintable(text)); // ASCII, no spaces: QR-friendly
    const std::optional<LetterPayload> parsed = LetterPayload::parse(text);
    QVERIFY2(parsed, qPrintable(text));
    QCOMPARE(*parsed, payload);
}

void TestLetterPayload::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("other scheme") << QStringLiteral(
        "https://example.com/application?id=a&order=1&doc=application_form");
    QTest::newRow("other path") << QStringLiteral("certdesk:payment?id=a&order=1&doc=application_form");
    QTest::newRow("with authority") << QStringLiteral(
        "certdesk://application?id=a&order=1&doc=application_form");
    QTest::newRow("no id") << QStringLiteral("certdesk:application?order=1&doc=application_form");
    QTest::newRow("empty id") << QStringLiteral("certdesk:application?id=&order=1&doc=application_form");
    QTest::newRow("no order") << QStringLiteral("certdesk:application?id=a&doc=application_form");
    QTest::newRow("no doc") << QStringLiteral("certdesk:application?id=a&order=1");
    QTest::newRow("unknown doc") << QStringLiteral("certdesk:application?id=a&order=1&doc=passport");
    QTest::newRow("plain text") << QStringLiteral("168002G110386213");
}

void TestLetterPayload::rejects()
{
    QFETCH(QString, text);
    QVERIFY(!LetterPayload::parse(text));
}

QTEST_GUILESS_MAIN(TestLetterPayload)
#include "tst_letterpayload.moc"
