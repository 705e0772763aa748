// The ToUnicode repair for Qt's radical-first reverse map (see PdfTextLayer.h).
#include "print/FormPainter.h"
#include "print/PdfTextLayer.h"

#include "TestEnvironment.h"

#include <QFontDatabase>
#include <QTest>

using namespace certdesk;
using namespace certdesk::print;

class TestPdfTextLayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void repairsDestinationsOnly();
    void leavesOtherBytesAlone();
    void equivalentsComeFromTheFont();
};

namespace {

const QHash<char16_t, char16_t> kEquivalents {{0x2F2D, 0x5C71}, {0x2ED3, 0x957F}, {0x2F08, 0x4EBA}};

} // namespace

void TestPdfTextLayer::repairsDestinationsOnly()
{
    QByteArray pdf = QByteArrayLiteral(
        "%PDF-1.4\n<2F2D> outside any cmap\nstream\n/CIDInit /ProcSet findresource begin\n"
        "begincmap\n2 beginbfchar\n<0003> <2F2D>\n<2F08> <0041>\nendbfchar\n"
        "3 beginbfrange\n<0001> <0004> [<8BC1> <2ED3> <2f08> <2E80>]\n"
        "<0005> <0005> <2F08>\n<0006> <0007> <2F2D>\nendbfrange\nendcmap\nendstream\n");
    const qsizetype size = pdf.size();
    const int changed = PdfTextLayer::repairRadicals(pdf, kEquivalents);
    QCOMPARE(pdf.size(), size); // xref offsets stay valid
    QCOMPARE(changed, 4);
    QVERIFY(pdf.contains("<0003> <5C71>")); // bfchar destination
    QVERIFY(pdf.contains("<2F08> <0041>")); // a source code is never a code point: untouched
    QVERIFY(pdf.contains("[<8BC1> <957F> <4EBA> <2E80>]")); // array destinations; no equivalent -> kept
    QVERIFY(pdf.contains("<0005> <0005> <4EBA>")); // a one-glyph range
    QVERIFY(pdf.contains("<0006> <0007> <2F2D>")); // a counting range is left alone
    QVERIFY(pdf.contains("<2F2D> outside any cmap"));
}

void TestPdfTextLayer::leavesOtherBytesAlone()
{
    QByteArray pdf
        = QByteArrayLiteral("%PDF-1.4\nbegincmap\n1 beginbfchar\n<0001> <4E00>\nendbfchar\nendcmap\n");
    const QByteArray before = pdf;
    QCOMPARE(PdfTextLayer::repairRadicals(pdf, kEquivalents), 0);
    QCOMPARE(pdf, before);
    QByteArray truncated = QByteArrayLiteral("begincmap\n1 beginbfchar\n<0001> <2F2D");
    QCOMPARE(PdfTextLayer::repairRadicals(truncated, kEquivalents), 0);
    QCOMPARE(PdfTextLayer::repairRadicals(pdf, {}), 0);
}

void TestPdfTextLayer::equivalentsComeFromTheFont()
{
    const QFont font = FormPainter::baseFont();
    QVERIFY2(QFontDatabase::families(QFontDatabase::SimplifiedChinese)
                 .contains(QStringLiteral("Noto Sans CJK SC")),
        "Noto Sans CJK SC missing: install fonts-noto-cjk (scripts/deps.sh)");
    const QHash<char16_t, char16_t> equivalents = PdfTextLayer::radicalEquivalents(font);
    // Noto draws KANGXI RADICAL MOUNTAIN with the glyph of the ideograph U+5C71, and the simplified radical
    // LONG (U+2ED3) with that of U+957F: exactly the pairs Qt's PDF text layer gets wrong.
    QCOMPARE(equivalents.value(0x2F2D), char16_t(0x5C71));
    QCOMPARE(equivalents.value(0x2ED3), char16_t(0x957F));
    for (auto it = equivalents.cbegin(); it != equivalents.cend(); ++it) {
        QVERIFY(it.key() >= 0x2E80 && it.key() <= 0x2FDF);
        QVERIFY(it.value() >= 0x3400 && it.value() <= 0x9FFF);
    }
}

QTEST_MAIN(TestPdfTextLayer)
#include "tst_pdftextlayer.moc"
