#pragma once

#include <QLineEdit>
#include <QPointer>
#include <QWidget>
#include <memory>

class QGridLayout;
class QHBoxLayout;
class QLabel;
class QPushButton;

namespace certdesk::input {
class PinyinEngine;
}

namespace certdesk::ui {

// The kiosk's touch keyboard. It follows the focus inside `scope` (the main window): when a line edit there
// takes the focus the keyboard shows with the layout the field asks for, and it types into that field the
// way an input method does (QInputMethodEvent: the pinyin being composed shows in the field, the chosen
// characters are committed). Its keys never take the focus.
//
// Layouts: pinyin (letters through a PinyinEngine, candidates in a bar above the keys; a key switches to
// Latin letters and back), Latin (letters, digits, @ . - _), digits (mobile, account numbers) and ID number
// (digits and X). A field picks its layout with inputMethodHints (digits, dialable characters, e-mail,
// Latin only) or the dynamic property "certdeskKeyboard" ("pinyin", "latin", "digits", "id").
class OnScreenKeyboard : public QWidget
{
    Q_OBJECT
public:
    enum class Layout
    {
        Pinyin,
        Latin,
        Digits,
        IdNumber
    };
    Q_ENUM(Layout)

    // `engine` may be null (no pinyin in this build or the engine failed): text fields then get the Latin
    // layout, and a note says that Chinese input is not available.
    OnScreenKeyboard(QWidget* scope, std::unique_ptr<input::PinyinEngine> engine, QWidget* parent = nullptr);
    ~OnScreenKeyboard() override;

    // Supplies the engine later (it is prepared on a worker thread while the kiosk starts).
    void setEngine(std::unique_ptr<input::PinyinEngine> engine);
    [[nodiscard]] bool hasPinyin() const { return m_engine != nullptr; }
    [[nodiscard]] Layout currentLayout() const { return m_layout; }
    [[nodiscard]] QLineEdit* target() const { return m_target; }
    // The layout `edit` asks for (see the class comment).
    [[nodiscard]] Layout layoutFor(const QLineEdit* edit) const;
    // Drops any composition and hides (the kiosk session was wiped).
    void reset();

Q_SIGNALS:
    void targetChanged(QLineEdit* target);

private:
    void focusChanged(QWidget* old, QWidget* now);
    void setTarget(QLineEdit* edit);
    void showLayout(Layout layout);
    void keyPressed(const QString& key);
    void candidateChosen(int index);
    void backspace();
    void enter();
    void toggleLatin();
    void commit(const QString& text);
    void sendPreedit(const QString& preedit);
    void sendKey(int key);
    void refreshCandidates();
    QPushButton* makeKey(const QString& objectName, const QString& text, const QString& accessibleName);
    void buildKeys();

    QWidget* m_scope;
    std::unique_ptr<input::PinyinEngine> m_engine;
    QPointer<QLineEdit> m_target;
    Layout m_layout = Layout::Latin;
    bool m_latinInPinyin = false; // the person switched a pinyin field to Latin letters
    QLabel* m_preedit;
    QLabel* m_note;
    QList<QPushButton*> m_candidates;
    QPushButton* m_previousPage;
    QPushButton* m_nextPage;
    QWidget* m_letters;
    QWidget* m_digits;
    QPushButton* m_x;
    QPushButton* m_switch;
    QPushButton* m_space = nullptr;
    QList<QPushButton*> m_latinExtras;
};

} // namespace certdesk::ui
