// Attribute values as a PKCS#11 module returns them (token/AttributeValues.h): CKA_EC_POINT in the forms
// tokens use and every other length refused, CK_ULONG and CK_BBOOL only at their exact sizes. No module is
// loaded.

#include "TestEnvironment.h"

#include "token/AttributeValues.h"

#include <QTest>

using namespace certdesk;
using namespace certdesk::token;

class TestAttributeValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void ecPoint_data();
    void ecPoint();
    void ulongAndBool();
};

void TestAttributeValues::ecPoint_data()
{
    const QByteArray point = QByteArray(1, '\x04') + QByteArray(64, '\x5a');
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("DER OCTET STRING") << (QByteArray("\x04\x41", 2) + point) << point;
    QTest::newRow("bare 04||X||Y") << point << point;
    QTest::newRow("X||Y") << point.mid(1) << point;
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("one byte") << QByteArray(1, '\x04') << QByteArray();
    QTest::newRow("65 bytes, compressed tag") << (QByteArray(1, '\x02') + point.mid(1)) << QByteArray();
    QTest::newRow("67 bytes, wrong length byte") << (QByteArray("\x04\x40", 2) + point) << QByteArray();
    QTest::newRow("67 bytes, not an OCTET STRING") << (QByteArray("\x03\x41", 2) + point) << QByteArray();
    QTest::newRow("P-384 size") << (QByteArray("\x04\x61\x04", 3) + QByteArray(96, 1)) << QByteArray();
}

void TestAttributeValues::ecPoint()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(pointFromEcPoint(value), expected);
}

void TestAttributeValues::ulongAndBool()
{
    const unsigned long three = 3;
    const QByteArray exact(reinterpret_cast<const char*>(&three), sizeof three);
    QCOMPARE(ulongFromAttribute(exact), std::optional<unsigned long>(3));
    // CK_ULONG is a C unsigned long: 8 bytes on Linux, 4 on Windows (LLP64); a shorter value is refused.
    QCOMPARE(ulongFromAttribute(exact.left(int(sizeof three) - 1)), std::nullopt);
    QCOMPARE(ulongFromAttribute(exact + '\0'), std::nullopt);
    QCOMPARE(ulongFromAttribute({}), std::nullopt);

    QVERIFY(boolFromAttribute(QByteArray(1, '\x01')));
    QVERIFY(boolFromAttribute(QByteArray(1, '\xff')));
    QVERIFY(!boolFromAttribute(QByteArray(1, '\0')));
    QVERIFY(!boolFromAttribute({}));
    QVERIFY(!boolFromAttribute(QByteArray(2, '\x01')));
}

QTEST_GUILESS_MAIN(TestAttributeValues)
#include "tst_attributevalues.moc"
