// The ID card base message parser: a valid card, and the malformed data a damaged card or a faulty driver can
// hand over (each must end in an error value, never a crash or a half-filled record).
#include "idcard/BaseMessage.h"

#include <QRandomGenerator>
#include <QTest>

#include "TestIdCard.h"

using namespace certdesk;
using idcard::IdCardStatus;
using test::TestIdCard;

namespace {

const QDate Today(2026, 12, 1);

TestIdCard zhang()
{
    TestIdCard card;
    card.name = QStringLiteral("张三");
    card.address = QStringLiteral("北京市朝阳区建国路1号");
    card.authority = QStringLiteral("北京市公安局朝阳分局");
    return card;
}

QByteArray withUnit(QByteArray message, int byteOffset, char16_t unit)
{
    message[byteOffset] = char(unit & 0xFF);
    message[byteOffset + 1] = char(unit >> 8);
    return message;
}

} // namespace

class TestBaseMessage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validCard()
    {
        const auto r = idcard::parseBaseMessage(zhang().baseMessage(), Today);
        QVERIFY2(r.hasValue(), qPrintable(r.error().detail));
        QCOMPARE(r->name, QStringLiteral("张三"));
        QCOMPARE(r->sexCode, QStringLiteral("1"));
        QCOMPARE(r->nationCode, QStringLiteral("01"));
        QCOMPARE(r->birthDate, QDate(1949, 12, 31));
        QCOMPARE(r->address, QStringLiteral("北京市朝阳区建国路1号"));
        QCOMPARE(r->idNumber, QStringLiteral("11010519491231002X"));
        QCOMPARE(r->authority, QStringLiteral("北京市公安局朝阳分局"));
        QCOMPARE(r->validFrom, QDate(2020, 1, 1));
        QCOMPARE(r->validTo, QDate(2040, 1, 1));
        QVERIFY(!r->validForLife);
    }

    void validForLifeAndMinorityName()
    {
        TestIdCard card = zhang();
        card.name = QStringLiteral("阿依古丽·买买提");
        card.validTo = QStringLiteral("长期");
        const auto r = idcard::parseBaseMessage(card.baseMessage(), Today);
        QVERIFY2(r.hasValue(), qPrintable(r.error().detail));
        QCOMPARE(r->name, QStringLiteral("阿依古丽·买买提"));
        QVERIFY(r->validForLife);
        QVERIFY(!r->validTo.isValid());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("status");
        const QByteArray good = zhang().baseMessage();
        const int bad = int(IdCardStatus::BadData);
        QTest::newRow("empty") << QByteArray() << bad;
        QTest::newRow("one byte short") << good.left(255) << bad;
        QTest::newRow("one byte long") << good + '\0' << bad;
        QTest::newRow("photo appended") << good + QByteArray(1024, 'W') << bad;
        QTest::newRow("all zero") << QByteArray(256, '\0') << bad;
        QTest::newRow("all 0xFF") << QByteArray(256, '\xFF') << bad;
        QTest::newRow("all spaces") << TestIdCard::field(QString(), 256) << bad;
        QTest::newRow("lone high surrogate in name") << withUnit(good, 4, 0xD800) << bad;
        QTest::newRow("lone low surrogate in name") << withUnit(good, 0, 0xDC00) << bad;
        QTest::newRow("control character in address") << withUnit(good, 54 + 4, 0x0007) << bad;
        QTest::newRow("NUL inside the name") << withUnit(good, 0, 0x0000) << bad;
        QTest::newRow("C1 control in authority") << withUnit(good, 158, 0x0085) << bad;
        TestIdCard c = zhang();
        c.idNumber = QStringLiteral("110105194912310021");
        QTest::newRow("check digit") << c.baseMessage() << bad;
        c = zhang();
        c.idNumber = QStringLiteral("11010519491231002x");
        QTest::newRow("lower-case x") << c.baseMessage() << bad;
        c = zhang();
        c.idNumber = QStringLiteral("1101051949123100");
        QTest::newRow("short ID number") << c.baseMessage() << bad;
        c = zhang();
        c.birth = QStringLiteral("19500101");
        QTest::newRow("birth differs from the ID number") << c.baseMessage() << bad;
        c = zhang();
        c.birth = QStringLiteral("1949123");
        QTest::newRow("birth too short") << c.baseMessage() << bad;
        c = zhang();
        c.validFrom = QStringLiteral("20230230");
        QTest::newRow("30 February") << c.baseMessage() << bad;
        c = zhang();
        c.validTo = QStringLiteral("20100101");
        QTest::newRow("valid to before valid from") << c.baseMessage() << bad;
        c = zhang();
        c.validTo = QStringLiteral("长");
        QTest::newRow("half of for life") << c.baseMessage() << bad;
        c = zhang();
        c.sex = QStringLiteral("M");
        QTest::newRow("sex not a code") << c.baseMessage() << bad;
        c = zhang();
        c.nation = QStringLiteral("1");
        QTest::newRow("nation one digit") << c.baseMessage() << bad;
        c = zhang();
        c.name = QString();
        QTest::newRow("no name") << c.baseMessage() << bad;
        c = zhang();
        c.reserved = QString(14, QLatin1Char(' ')) + QLatin1Char('I');
        QTest::newRow("foreign permanent residence card")
            << c.baseMessage() << int(IdCardStatus::UnsupportedCard);
    }

    void malformed()
    {
        QFETCH(QByteArray, message);
        QFETCH(int, status);
        const auto r = idcard::parseBaseMessage(message, Today);
        QVERIFY(!r.hasValue());
        QCOMPARE(int(r.status()), status);
        QVERIFY(!r.error().message().isEmpty());
        // The detail is for logs: it never repeats what the card holds.
        QVERIFY(!r.error().detail.contains(QStringLiteral("11010519491231002")));
        QVERIFY(!r.error().detail.contains(QStringLiteral("张")));
    }

    // Every single-byte change of a valid message, and random messages: an error or a record that passed
    // every check, never a crash (run under ASan in the asan preset).
    void mutations()
    {
        const QByteArray good = zhang().baseMessage();
        int accepted = 0;
        for (int i = 0; i < good.size(); ++i) {
            for (const char b : {'\0', '\x01', '\xFF', '0', 'X', '\xD8'}) {
                QByteArray m = good;
                m[i] = b;
                const auto r = idcard::parseBaseMessage(m, Today);
                if (r.hasValue()) {
                    ++accepted;
                    QCOMPARE(r->idNumber.size(), 18);
                    QVERIFY(!r->name.isEmpty());
                    QVERIFY(r->birthDate.isValid());
                }
            }
        }
        QVERIFY(accepted > 0); // changes in the address or the reserved bytes are still a card
        QRandomGenerator random(20261201);
        for (int i = 0; i < 2000; ++i) {
            QByteArray m(256, '\0');
            for (char& c : m)
                c = char(random.bounded(256));
            QVERIFY(!idcard::parseBaseMessage(m, Today).hasValue());
        }
    }
};

QTEST_GUILESS_MAIN(TestBaseMessage)
#include "tst_basemessage.moc"
