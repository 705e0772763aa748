#pragma once

#include <QByteArray>
#include <QFont>
#include <QHash>

namespace certdesk::print {

// Repairs the text layer of a PDF written by QPdfWriter (Qt 6.4). Not a public API.
//
// Qt builds each embedded font's ToUnicode CMap by walking code points upwards and keeping, per glyph, the
// FIRST code point the font's cmap maps to it (QFontSubset::getReverseMap). CJK fonts such as Noto Sans CJK
// and Microsoft YaHei map a Kangxi radical (U+2F00..U+2FD5) or a CJK radical supplement (U+2E80..U+2EF3) to
// the very glyph of the ordinary ideograph, and those blocks come before U+4E00: the PDF then says that 人,
// 子, 山, 长, 用, 一 ... are ⼈, ⼦, ⼭, ⻓, ⽤, ⼀. The page looks right, but search, copy and paste, screen
// readers and the CA's text extraction see radicals, so an address or a name no longer matches the form.
//
// The fix maps each such radical back to the ideograph that shares its glyph in `font`, inside the
// uncompressed ToUnicode CMaps only. Both are four hex digits, so the byte length and the xref offsets do not
// change. A radical with a glyph of its own (a real radical on the page) is left alone.
class PdfTextLayer
{
public:
    // Radical code point -> ideograph with the same glyph in `font` (resolved for Simplified Chinese).
    [[nodiscard]] static QHash<char16_t, char16_t> radicalEquivalents(const QFont& font);
    // Rewrites the ToUnicode CMaps of `pdf` in place; returns the number of entries changed.
    static int repairRadicals(QByteArray& pdf, const QHash<char16_t, char16_t>& equivalents);
};

} // namespace certdesk::print
