// The new-PIN rule (6–16 printable ASCII characters, not one character repeated, not a run of digits) and
// the random initial PIN of a mailed UKey.
#include "domain/PinRules.h"

#include "TestEnvironment.h"

#include <QSet>
#include <QTest>

using namespace certdesk;

class TestPinRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void checkNewPin_data();
    void checkNewPin();
    void isDigitPin_data();
    void isDigitPin();
    void initialPinsPassTheRuleAndDiffer();
    void initialPinLengthIsClamped();
};

void TestPinRules::checkNewPin_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QString>("code"); // empty: accepted
    QTest::newRow("empty") << QString() << QStringLiteral("required");
    QTest::newRow("five") << QStringLiteral("28461") << QStringLiteral("length");
    QTest::newRow("six") << QStringLiteral("284617") << QString();
    QTest::newRow("sixteen") << QStringLiteral("2846173950284617") << QString();
    QTest::newRow("seventeen") << QStringLiteral("28461739502846173") << QStringLiteral("length");
    QTest::newRow("letters and symbols") << QStringLiteral("Ab3#x9!q") << QString();
    QTest::newRow("space") << QStringLiteral("2846 173") << QStringLiteral("characters");
    QTest::newRow("chinese") << QStringLiteral("密码284617") << QStringLiteral("characters");
    QTest::newRow("full-width digits") << QStringLiteral("２８４６１７") << QStringLiteral("characters");
    QTest::newRow("111111") << QStringLiteral("111111") << QStringLiteral("repeated");
    QTest::newRow("0000000000000000") << QStringLiteral("0000000000000000") << QStringLiteral("repeated");
    QTest::newRow("aaaaaaa") << QStringLiteral("aaaaaaa") << QStringLiteral("repeated");
    QTest::newRow("123456") << QStringLiteral("123456") << QStringLiteral("sequence");
    QTest::newRow("654321") << QStringLiteral("654321") << QStringLiteral("sequence");
    QTest::newRow("23456789") << QStringLiteral("23456789") << QStringLiteral("sequence");
    QTest::newRow("9876543210") << QStringLiteral("9876543210") << QStringLiteral("sequence");
    // Not a run: a turn, a wrap-around, a step of two, letters in order.
    QTest::newRow("123321") << QStringLiteral("123321") << QString();
    QTest::newRow("890123") << QStringLiteral("890123") << QString();
    QTest::newRow("135791") << QStringLiteral("135791") << QString();
    QTest::newRow("abcdef") << QStringLiteral("abcdef") << QString();
    QTest::newRow("112233") << QStringLiteral("112233") << QString();
}

void TestPinRules::checkNewPin()
{
    QFETCH(QString, pin);
    QFETCH(QString, code);
    const auto problem = pins::checkNewPin(pin);
    if (code.isEmpty()) {
        QVERIFY2(!problem, qPrintable(problem ? problem->code : QString()));
        return;
    }
    QVERIFY(problem);
    QCOMPARE(problem->code, code);
    QVERIFY(!problem->message.isEmpty());
    QVERIFY(problem->field.isEmpty());
}

void TestPinRules::isDigitPin_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("digits");
    QTest::newRow("6 digits") << QStringLiteral("284617") << true;
    QTest::newRow("16 digits") << QStringLiteral("2846173950284617") << true;
    QTest::newRow("5 digits") << QStringLiteral("28461") << false;
    QTest::newRow("17 digits") << QStringLiteral("28461739502846173") << false;
    QTest::newRow("letter") << QStringLiteral("28461a") << false;
    QTest::newRow("full-width") << QStringLiteral("２８４６１７") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestPinRules::isDigitPin()
{
    QFETCH(QString, pin);
    QFETCH(bool, digits);
    QCOMPARE(pins::isDigitPin(pin), digits);
}

void TestPinRules::initialPinsPassTheRuleAndDiffer()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString pin = pins::generateInitialPin();
        QCOMPARE(pin.size(), 8);
        QVERIFY(pins::isDigitPin(pin));
        QVERIFY2(!pins::checkNewPin(pin), qPrintable(pin));
        seen.insert(pin);
    }
    // 10^8 possibilities: 200 draws that collide more than once would mean a broken generator.
    QVERIFY(seen.size() >= 199);
}

void TestPinRules::initialPinLengthIsClamped()
{
    QCOMPARE(pins::generateInitialPin(2).size(), pins::kMinLength);
    QCOMPARE(pins::generateInitialPin(40).size(), pins::kMaxLength);
    QCOMPARE(pins::generateInitialPin(12).size(), 12);
}

QTEST_GUILESS_MAIN(TestPinRules)
#include "tst_pinrules.moc"
