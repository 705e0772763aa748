#include "print/PdfTextLayer.h"

#include <QFontDatabase>
#include <QList>
#include <QRawFont>
#include <QString>

namespace certdesk::print {

namespace {

bool isRadical(char16_t c)
{
    return (c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x2F00 && c <= 0x2FDF);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// A hex string token "<...>" of a CMap; `pos` is advanced past it.
struct HexToken
{
    qsizetype open = -1; // index of '<'
    qsizetype close = -1; // index of '>'
};

void skipSpace(const QByteArray& pdf, qsizetype& pos, qsizetype end)
{
    while (pos < end
        && (pdf.at(pos) == ' ' || pdf.at(pos) == '\n' || pdf.at(pos) == '\r' || pdf.at(pos) == '\t'))
        ++pos;
}

bool readToken(const QByteArray& pdf, qsizetype& pos, qsizetype end, HexToken& token)
{
    skipSpace(pdf, pos, end);
    if (pos >= end || pdf.at(pos) != '<')
        return false;
    const qsizetype close = pdf.indexOf('>', pos);
    if (close < 0 || close >= end)
        return false;
    token = {pos, close};
    pos = close + 1;
    return true;
}

// Rewrites one destination token when it is a radical with an equivalent ideograph.
int repairToken(QByteArray& pdf, const HexToken& token, const QHash<char16_t, char16_t>& equivalents)
{
    static const char hex[] = "0123456789ABCDEF";
    if (token.close - token.open != 5) // not a single BMP code point (a surrogate pair has 8 digits)
        return 0;
    int value = 0;
    for (qsizetype k = token.open + 1; k < token.close; ++k) {
        const int v = hexValue(pdf.at(k));
        if (v < 0)
            return 0;
        value = value * 16 + v;
    }
    const char16_t code = char16_t(value);
    const auto it = equivalents.constFind(code);
    if (!isRadical(code) || it == equivalents.constEnd())
        return 0;
    for (int k = 0; k < 4; ++k)
        pdf[token.open + 1 + k] = hex[(it.value() >> (12 - 4 * k)) & 0xF];
    return 1;
}

// One bfchar block ("<src> <dst>" pairs) or bfrange block ("<lo> <hi> <dst>" or "<lo> <hi> [<dst> ...]").
int repairBlock(
    QByteArray& pdf, qsizetype pos, qsizetype end, bool range, const QHash<char16_t, char16_t>& equivalents)
{
    int changed = 0;
    HexToken low;
    HexToken high;
    HexToken token;
    while (true) {
        if (!readToken(pdf, pos, end, low))
            return changed; // end of block, or something this repair does not understand: stop touching it
        high = low;
        if (range && !readToken(pdf, pos, end, high))
            return changed;
        skipSpace(pdf, pos, end);
        if (range && pos < end && pdf.at(pos) == '[') {
            ++pos;
            while (readToken(pdf, pos, end, token))
                changed += repairToken(pdf, token, equivalents);
            skipSpace(pdf, pos, end);
            if (pos >= end || pdf.at(pos) != ']')
                return changed;
            ++pos;
        } else if (readToken(pdf, pos, end, token)) {
            // A range's start code point counts up over the range: only a one-glyph range can be rewritten.
            const bool single
                = pdf.mid(low.open, low.close - low.open) == pdf.mid(high.open, high.close - high.open);
            if (!range || single)
                changed += repairToken(pdf, token, equivalents);
        } else {
            return changed;
        }
    }
}

} // namespace

QHash<char16_t, char16_t> PdfTextLayer::radicalEquivalents(const QFont& font)
{
    QHash<char16_t, char16_t> result;
    const QRawFont raw = QRawFont::fromFont(font, QFontDatabase::SimplifiedChinese);
    if (!raw.isValid())
        return result;
    // Glyph -> the first ideograph drawn with it: CJK Unified Ideographs Extension A, then the main block.
    QString ideographs;
    for (char16_t c = 0x3400; c <= 0x4DBF; ++c)
        ideographs.append(QChar(c));
    for (char16_t c = 0x4E00; c <= 0x9FFF; ++c)
        ideographs.append(QChar(c));
    const QList<quint32> ideographGlyphs = raw.glyphIndexesForString(ideographs);
    QHash<quint32, char16_t> byGlyph;
    for (qsizetype i = 0; i < ideographGlyphs.size() && i < ideographs.size(); ++i) {
        if (ideographGlyphs.at(i) != 0 && !byGlyph.contains(ideographGlyphs.at(i)))
            byGlyph.insert(ideographGlyphs.at(i), ideographs.at(i).unicode());
    }
    QString radicals;
    for (char16_t c = 0x2E80; c <= 0x2FDF; ++c)
        radicals.append(QChar(c));
    const QList<quint32> radicalGlyphs = raw.glyphIndexesForString(radicals);
    for (qsizetype i = 0; i < radicalGlyphs.size() && i < radicals.size(); ++i) {
        const auto it = byGlyph.constFind(radicalGlyphs.at(i));
        if (radicalGlyphs.at(i) != 0 && it != byGlyph.constEnd())
            result.insert(radicals.at(i).unicode(), it.value());
    }
    return result;
}

int PdfTextLayer::repairRadicals(QByteArray& pdf, const QHash<char16_t, char16_t>& equivalents)
{
    if (equivalents.isEmpty())
        return 0;
    int changed = 0;
    qsizetype pos = 0;
    // Only text between begincmap and endcmap is touched: compressed streams never contain these keywords,
    // and nothing outside a CMap is rewritten.
    while ((pos = pdf.indexOf("begincmap", pos)) >= 0) {
        const qsizetype end = pdf.indexOf("endcmap", pos);
        if (end < 0)
            break;
        for (const bool range : {false, true}) {
            const QByteArray begin
                = range ? QByteArrayLiteral("beginbfrange") : QByteArrayLiteral("beginbfchar");
            const QByteArray stop = range ? QByteArrayLiteral("endbfrange") : QByteArrayLiteral("endbfchar");
            qsizetype block = pos;
            while ((block = pdf.indexOf(begin, block)) >= 0 && block < end) {
                const qsizetype blockEnd = pdf.indexOf(stop, block);
                if (blockEnd < 0 || blockEnd > end)
                    break;
                changed += repairBlock(pdf, block + begin.size(), blockEnd, range, equivalents);
                block = blockEnd;
            }
        }
        pos = end;
    }
    return changed;
}

} // namespace certdesk::print
