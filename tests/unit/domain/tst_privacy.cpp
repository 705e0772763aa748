#include "domain/Privacy.h"

#include "TestEnvironment.h"

#include <QTest>

using namespace certdesk;

class TestPrivacy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void maskIdNumber_data();
    void maskIdNumber();
    void maskMobile_data();
    void maskMobile();
    void maskAccount_data();
    void maskAccount();
    void maskName_data();
    void maskName();
    void maskEmail_data();
    void maskEmail();
    void neverShowsTheSecretPart();
};

namespace {

void addColumns()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
}

void row(const char* name, const QString& input, const QString& expected)
{
    QTest::newRow(name) << input << expected;
}

} // namespace

void TestPrivacy::maskIdNumber_data()
{
    addColumns();
    row("18 digits", QStringLiteral("440305199001011234"), QStringLiteral("4403**********1234"));
    row("check X", QStringLiteral("11010519491231002X"), QStringLiteral("1101**********002X"));
    row("trimmed", QStringLiteral(" 440305199001011234 "), QStringLiteral("4403**********1234"));
    // 15 characters: 4 + 4 visible would hide fewer than half, so the head shrinks.
    row("15 digits", QStringLiteral("440305900101123"), QStringLiteral("440********1123"));
    row("4 characters", QStringLiteral("1234"), QStringLiteral("**34"));
    row("1 character", QStringLiteral("1"), QStringLiteral("*"));
    row("empty", QString(), QString());
}

void TestPrivacy::maskIdNumber()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(certdesk::maskIdNumber(input), expected);
}

void TestPrivacy::maskMobile_data()
{
    addColumns();
    row("11 digits", QStringLiteral("13812345678"), QStringLiteral("138****5678"));
    row("with spaces", QStringLiteral("138 1234 5678"), QStringLiteral("138****5678"));
    row("+86", QStringLiteral("+8613812345678"), QStringLiteral("+86*******5678"));
    row("5 digits", QStringLiteral("12345"), QStringLiteral("***45"));
    row("empty", QString(), QString());
}

void TestPrivacy::maskMobile()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(certdesk::maskMobile(input), expected);
}

void TestPrivacy::maskAccount_data()
{
    addColumns();
    row("19 digits", QStringLiteral("6222021234567890123"), QStringLiteral("***************0123"));
    row("with spaces", QStringLiteral("6222 0212 3456 7890"), QStringLiteral("************7890"));
    row("8 digits", QStringLiteral("12345678"), QStringLiteral("****5678"));
    row("7 digits", QStringLiteral("1234567"), QStringLiteral("****567"));
    row("empty", QString(), QString());
}

void TestPrivacy::maskAccount()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(certdesk::maskAccount(input), expected);
}

void TestPrivacy::maskName_data()
{
    addColumns();
    row("three characters", QStringLiteral("张三丰"), QStringLiteral("张*丰"));
    row("two characters", QStringLiteral("张三"), QStringLiteral("张*"));
    row("four characters", QStringLiteral("欧阳娜娜"), QStringLiteral("欧**娜"));
    row("one character", QStringLiteral("王"), QStringLiteral("*"));
    row("middle dot", QStringLiteral("阿依古丽·买买提"), QStringLiteral("阿******提"));
    // U+20BB7 is a surrogate pair in UTF-16 and must count as one character.
    row("Extension B", QStringLiteral("\U00020BB7野家"), QStringLiteral("\U00020BB7*家"));
    row("Latin", QStringLiteral("John Smith"), QStringLiteral("J********h"));
    row("trimmed", QStringLiteral(" 张三丰 "), QStringLiteral("张*丰"));
    row("empty", QString(), QString());
}

void TestPrivacy::maskName()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(certdesk::maskName(input), expected);
}

void TestPrivacy::maskEmail_data()
{
    addColumns();
    row("address", QStringLiteral("zhangsan@example.com"), QStringLiteral("z*******@example.com"));
    row("one-letter local part", QStringLiteral("a@example.com"), QStringLiteral("*@example.com"));
    row("no @", QStringLiteral("zhangsan"), QStringLiteral("z******n"));
    row("empty", QString(), QString());
}

void TestPrivacy::maskEmail()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(certdesk::maskEmail(input), expected);
}

void TestPrivacy::neverShowsTheSecretPart()
{
    // Birth date and sequence of an ID number, the middle of a mobile, the body of an account.
    QVERIFY(
        !certdesk::maskIdNumber(QStringLiteral("440305199001011234")).contains(QStringLiteral("19900101")));
    QVERIFY(!certdesk::maskMobile(QStringLiteral("13812345678")).contains(QStringLiteral("1234")));
    QVERIFY(!certdesk::maskAccount(QStringLiteral("6222021234567890123")).contains(QStringLiteral("6222")));
    // However short the input, at least half of it is hidden.
    for (int n = 1; n <= 20; ++n) {
        const QString digits = QStringLiteral("98765432109876543210").left(n);
        for (const QString& masked : {certdesk::maskIdNumber(digits), certdesk::maskAccount(digits)}) {
            QCOMPARE(masked.size(), n);
            QVERIFY2(masked.count(QLatin1Char('*')) * 2 >= n, qPrintable(masked));
        }
    }
}

QTEST_GUILESS_MAIN(TestPrivacy)
#include "tst_privacy.moc"
