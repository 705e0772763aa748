// The verdict on a stamped form's QR codes (which upload is refused, which is accepted with a note), moved
// out of the application centre's DocumentSlot into core.
#include "documents/StampedFormCheck.h"

#include "TestEnvironment.h"

#include <QTest>

using namespace certdesk;
using namespace certdesk::documents;
using Outcome = StampedFormVerdict::Outcome;

Q_DECLARE_METATYPE(certdesk::DocumentKind)
Q_DECLARE_METATYPE(certdesk::documents::StampedFormVerdict::Outcome)

namespace {

const QString Own = QStringLiteral("app-own");
const QString Other = QStringLiteral("app-other");

print::LetterPayload code(const QString& id, DocumentKind kind)
{
    return print::LetterPayload {id, id == Own ? QStringLiteral("CD-OWN") : QStringLiteral("CD-OTHER"), kind};
}

} // namespace

class TestStampedFormCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void carriesLetterCode_data();
    void carriesLetterCode();
    void verdict_data();
    void verdict();
};

void TestStampedFormCheck::carriesLetterCode_data()
{
    QTest::addColumn<DocumentKind>("kind");
    QTest::addColumn<bool>("carries");
    QTest::newRow("application form") << DocumentKind::ApplicationForm << true;
    QTest::newRow("e-seal form") << DocumentKind::ESealForm << true;
    QTest::newRow("business licence") << DocumentKind::BusinessLicense << false;
    QTest::newRow("id card") << DocumentKind::IdCard << false;
}

void TestStampedFormCheck::carriesLetterCode()
{
    QFETCH(DocumentKind, kind);
    QFETCH(bool, carries);
    QCOMPARE(documents::carriesLetterCode(kind), carries);
}

void TestStampedFormCheck::verdict_data()
{
    QTest::addColumn<DocumentKind>("kind");
    QTest::addColumn<bool>("read");
    QTest::addColumn<QList<print::LetterPayload>>("payloads");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("decidingOrder"); // order number of the deciding payload, empty: none
    QTest::addColumn<bool>("refused");

    const auto form = DocumentKind::ApplicationForm;
    const auto seal = DocumentKind::ESealForm;
    QTest::newRow("not read") << form << false << QList {code(Other, form)} << Outcome::NotChecked
                              << QString() << false;
    QTest::newRow("kind without code") << DocumentKind::IdCard << true << QList {code(Other, form)}
                                       << Outcome::NotChecked << QString() << false;
    QTest::newRow("own form") << form << true << QList {code(Own, form)} << Outcome::Ours << QString()
                              << false;
    QTest::newRow("own form beside another application's sheet")
        << form << true << QList {code(Other, form), code(Own, form)} << Outcome::Ours << QString() << false;
    QTest::newRow("another application's form")
        << form << true << QList {code(Other, form)} << Outcome::OtherApplication
        << QStringLiteral("CD-OTHER") << true;
    QTest::newRow("own e-seal form in the application form's place")
        << form << true << QList {code(Own, seal)} << Outcome::OtherForm << QStringLiteral("CD-OWN") << true;
    QTest::newRow("another application wins over the other form")
        << seal << true << QList {code(Own, form), code(Other, seal)} << Outcome::OtherApplication
        << QStringLiteral("CD-OTHER") << true;
    QTest::newRow("no usable code") << seal << true << QList<print::LetterPayload> {} << Outcome::Unreadable
                                    << QString() << false;
}

void TestStampedFormCheck::verdict()
{
    QFETCH(DocumentKind, kind);
    QFETCH(bool, read);
    QFETCH(QList<print::LetterPayload>, payloads);
    QFETCH(Outcome, outcome);
    QFETCH(QString, decidingOrder);
    QFETCH(bool, refused);
    const StampedFormVerdict v = judgeStampedForm(kind, Own, read, payloads);
    QCOMPARE(v.outcome, outcome);
    QCOMPARE(v.refused(), refused);
    QCOMPARE(v.payload ? v.payload->orderNo : QString(), decidingOrder);
}

QTEST_GUILESS_MAIN(TestStampedFormCheck)
#include "tst_stampedformcheck.moc"
