#pragma once

#include "print/QrCode.h"

#include <QWidget>

namespace certdesk::ui {

// Shows a text as a QR code a phone reads from the screen: black on white, whole device pixels per module (at
// least MinModulePixels), with the 4-module quiet zone of ISO/IEC 18004. Painted with core/print's QrCode,
// the same code as the printed forms. An overlay text (e.g. "expired") covers the code so that an outdated
// one is not scanned.
class QrWidget : public QWidget
{
    Q_OBJECT
public:
    // A phone camera at reading distance needs about this many screen pixels per module.
    static constexpr int MinModulePixels = 6;

    explicit QrWidget(QWidget* parent = nullptr);

    // An empty text clears the code (a placeholder is painted instead).
    void setText(const QString& text);
    [[nodiscard]] QString text() const { return m_code.text(); }
    [[nodiscard]] const print::QrCode& code() const { return m_code; }
    // True when there is a code to scan (a text was set, it fits, and no overlay hides it).
    [[nodiscard]] bool isScannable() const { return !m_code.isNull() && m_overlay.isEmpty(); }

    // Covers the code with `text` (empty: shows the code again).
    void setOverlayText(const QString& text);
    [[nodiscard]] QString overlayText() const { return m_overlay; }
    // Shown when there is no code (e.g. "Loading…").
    void setPlaceholderText(const QString& text);

    // Pixels per module used for the current size (0 when there is no code).
    [[nodiscard]] int modulePixels() const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void updateGeometryForCode();

    print::QrCode m_code;
    QString m_overlay;
    QString m_placeholder;
};

} // namespace certdesk::ui
