#include "kiosk/OnScreenKeyboard.h"

#include "input/PinyinEngine.h"

#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextCharFormat>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

constexpr int CandidateCount = 6; // RimePinyinEngine's page size
constexpr int KeySize = 64; // touch targets well above the 48 px minimum

const char* const LetterRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

} // namespace

OnScreenKeyboard::OnScreenKeyboard(
    QWidget* scope, std::unique_ptr<input::PinyinEngine> engine, QWidget* parent)
    : QWidget(parent)
    , m_scope(scope)
    , m_engine(std::move(engine))
    , m_preedit(new QLabel(this))
    , m_note(new QLabel(this))
    , m_previousPage(nullptr)
    , m_nextPage(nullptr)
    , m_letters(new QWidget(this))
    , m_digits(new QWidget(this))
    , m_x(nullptr)
    , m_switch(nullptr)
{
    setObjectName(QStringLiteral("onScreenKeyboard"));
    setAccessibleName(tr("On-screen keyboard"));
    setAccessibleDescription(tr("Touch keyboard for the field that has the focus"));
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#onScreenKeyboard { background: palette(window); border-top: 1px solid "
                                 "palette(mid); }"));
    buildKeys();
    connect(qApp, &QApplication::focusChanged, this, &OnScreenKeyboard::focusChanged);
    setVisible(false);
}

OnScreenKeyboard::~OnScreenKeyboard() = default;

QPushButton* OnScreenKeyboard::makeKey(
    const QString& objectName, const QString& text, const QString& accessibleName)
{
    auto* key = new QPushButton(text, this);
    key->setObjectName(objectName);
    key->setFocusPolicy(Qt::NoFocus); // the field keeps the focus while its keys are touched
    key->setAutoDefault(false);
    key->setMinimumSize(KeySize, KeySize);
    key->setAccessibleName(accessibleName);
    key->setAccessibleDescription(tr("On-screen keyboard key"));
    return key;
}

void OnScreenKeyboard::buildKeys()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(6);

    // Candidate bar: the letters being composed, the candidates of this page, paging.
    auto* bar = new QHBoxLayout;
    m_preedit->setObjectName(QStringLiteral("oskPreedit"));
    m_preedit->setMinimumWidth(160);
    m_preedit->setAccessibleName(tr("Pinyin being typed"));
    bar->addWidget(m_preedit);
    for (int i = 0; i < CandidateCount; ++i) {
        auto* c = makeKey(QStringLiteral("oskCandidate_%1").arg(i), QString(), tr("Candidate %1").arg(i + 1));
        c->setAccessibleDescription(tr("Types these characters"));
        connect(c, &QPushButton::clicked, this, [this, i] { candidateChosen(i); });
        // Hidden while nothing is composed, without the bar changing its height.
        QSizePolicy keep = c->sizePolicy();
        keep.setRetainSizeWhenHidden(true);
        c->setSizePolicy(keep);
        m_candidates.append(c);
        bar->addWidget(c);
    }
    m_previousPage
        = makeKey(QStringLiteral("oskPreviousPage"), QStringLiteral("\u25C0"), tr("Previous candidates"));
    m_nextPage = makeKey(QStringLiteral("oskNextPage"), QStringLiteral("\u25B6"), tr("More candidates"));
    connect(m_previousPage, &QPushButton::clicked, this, [this] {
        if (m_engine)
            m_engine->previousPage();
        refreshCandidates();
    });
    connect(m_nextPage, &QPushButton::clicked, this, [this] {
        if (m_engine)
            m_engine->nextPage();
        refreshCandidates();
    });
    for (QPushButton* b : {m_previousPage, m_nextPage}) {
        QSizePolicy keep = b->sizePolicy();
        keep.setRetainSizeWhenHidden(true);
        b->setSizePolicy(keep);
    }
    bar->addWidget(m_previousPage);
    bar->addWidget(m_nextPage);
    m_note->setObjectName(QStringLiteral("oskNote"));
    m_note->setWordWrap(true);
    bar->addWidget(m_note, 1);
    layout->addLayout(bar);

    // Digits: one row above the letters, or the whole keyboard for numbers.
    auto* digitRow = new QHBoxLayout(m_digits);
    digitRow->setContentsMargins(0, 0, 0, 0);
    for (const char* d = "1234567890"; *d; ++d) {
        const QString key = QString(QLatin1Char(*d));
        auto* b = makeKey(QStringLiteral("oskKey_") + key, key, key);
        connect(b, &QPushButton::clicked, this, [this, key] { keyPressed(key); });
        digitRow->addWidget(b);
    }
    m_x = makeKey(QStringLiteral("oskKey_X"), QStringLiteral("X"), QStringLiteral("X"));
    m_x->setAccessibleDescription(tr("Check character X of an ID number"));
    connect(m_x, &QPushButton::clicked, this, [this] { keyPressed(QStringLiteral("X")); });
    digitRow->addWidget(m_x);
    layout->addWidget(m_digits);

    auto* letters = new QVBoxLayout(m_letters);
    letters->setContentsMargins(0, 0, 0, 0);
    for (const char* row : LetterRows) {
        auto* line = new QHBoxLayout;
        line->addStretch();
        for (const char* l = row; *l; ++l) {
            const QString key = QString(QLatin1Char(*l));
            auto* b = makeKey(QStringLiteral("oskKey_") + key, key, key.toUpper());
            connect(b, &QPushButton::clicked, this, [this, key] { keyPressed(key); });
            line->addWidget(b);
        }
        line->addStretch();
        letters->addLayout(line);
    }
    layout->addWidget(m_letters);

    auto* bottom = new QHBoxLayout;
    m_switch = makeKey(QStringLiteral("oskSwitch"), QString(), tr("Switch between pinyin and Latin letters"));
    m_switch->setMinimumWidth(KeySize * 3 / 2);
    connect(m_switch, &QPushButton::clicked, this, &OnScreenKeyboard::toggleLatin);
    bottom->addWidget(m_switch);
    const struct
    {
        const char* name;
        const char* text;
    } extras[] = {{"at", "@"}, {"dot", "."}, {"minus", "-"}, {"underscore", "_"}};
    for (const auto& e : extras) {
        const QString text = QLatin1String(e.text);
        auto* b = makeKey(QStringLiteral("oskKey_") + QLatin1String(e.name), text, text);
        connect(b, &QPushButton::clicked, this, [this, text] { keyPressed(text); });
        m_latinExtras.append(b);
        bottom->addWidget(b);
    }
    auto* hide = makeKey(QStringLiteral("oskHide"), tr("Hide"), tr("Hide keyboard"));
    hide->setAccessibleDescription(tr("Puts the keyboard away; touch a field to bring it back"));
    hide->setMinimumWidth(KeySize * 3 / 2);
    connect(hide, &QPushButton::clicked, this, [this] {
        QPointer<QLineEdit> target = m_target;
        setTarget(nullptr);
        if (target)
            target->clearFocus();
    });
    bottom->addWidget(hide);
    auto* space = makeKey(QStringLiteral("oskSpace"), tr("Space"), tr("Space"));
    m_space = space;
    space->setAccessibleDescription(tr("Chooses the first candidate, or types a space"));
    space->setMinimumWidth(KeySize * 3);
    connect(space, &QPushButton::clicked, this, [this] { keyPressed(QStringLiteral(" ")); });
    bottom->addWidget(space, 1);
    auto* back = makeKey(QStringLiteral("oskBackspace"), tr("Delete"), tr("Delete"));
    back->setAccessibleDescription(tr("Deletes the last letter or character"));
    back->setMinimumWidth(KeySize * 3 / 2);
    connect(back, &QPushButton::clicked, this, &OnScreenKeyboard::backspace);
    bottom->addWidget(back);
    auto* enter = makeKey(QStringLiteral("oskEnter"), tr("Enter"), tr("Enter"));
    enter->setAccessibleDescription(tr("Types the pinyin letters as they are, or confirms the field"));
    enter->setMinimumWidth(KeySize * 3 / 2);
    connect(enter, &QPushButton::clicked, this, &OnScreenKeyboard::enter);
    bottom->addWidget(enter);
    layout->addLayout(bottom);
    setEngine(std::move(m_engine));
}

void OnScreenKeyboard::setEngine(std::unique_ptr<input::PinyinEngine> engine)
{
    m_engine = std::move(engine);
    m_note->setText(m_engine
            ? QString()
            : tr("Chinese (pinyin) input is not available on this terminal: Latin letters and "
                 "digits only."));
    m_note->setVisible(!m_engine);
    if (m_target)
        showLayout(layoutFor(m_target));
}

OnScreenKeyboard::Layout OnScreenKeyboard::layoutFor(const QLineEdit* edit) const
{
    const QString asked = edit->property("certdeskKeyboard").toString();
    if (asked == QLatin1String("id"))
        return Layout::IdNumber;
    if (asked == QLatin1String("digits"))
        return Layout::Digits;
    if (asked == QLatin1String("latin"))
        return Layout::Latin;
    const Qt::InputMethodHints hints = edit->inputMethodHints();
    if (hints & (Qt::ImhDigitsOnly | Qt::ImhDialableCharactersOnly | Qt::ImhFormattedNumbersOnly))
        return Layout::Digits;
    if (hints
        & (Qt::ImhEmailCharactersOnly | Qt::ImhUrlCharactersOnly | Qt::ImhLatinOnly | Qt::ImhPreferLatin))
        return Layout::Latin;
    return m_engine ? Layout::Pinyin : Layout::Latin;
}

void OnScreenKeyboard::focusChanged(QWidget*, QWidget* now)
{
    if (!now)
        return; // the window lost the focus for a moment (a dialog): keep the target
    if (isAncestorOf(now))
        return;
    auto* edit = qobject_cast<QLineEdit*>(now);
    if (edit && m_scope->isAncestorOf(edit) && !edit->isReadOnly() && edit->echoMode() == QLineEdit::Normal)
        setTarget(edit);
    else
        setTarget(nullptr);
}

void OnScreenKeyboard::setTarget(QLineEdit* edit)
{
    if (m_target == edit)
        return;
    if (m_engine && m_engine->composition().isComposing()) {
        m_engine->clear();
        sendPreedit({});
    }
    m_target = edit;
    m_latinInPinyin = false;
    if (edit) {
        showLayout(layoutFor(edit));
        show();
    } else {
        hide();
    }
    refreshCandidates();
    Q_EMIT targetChanged(edit);
}

void OnScreenKeyboard::reset()
{
    if (m_engine)
        m_engine->clear();
    m_target = nullptr;
    refreshCandidates();
    hide();
}

void OnScreenKeyboard::showLayout(Layout layout)
{
    m_layout = layout;
    const bool text = layout == Layout::Pinyin || layout == Layout::Latin;
    m_letters->setVisible(text);
    m_x->setVisible(layout == Layout::IdNumber);
    m_space->setVisible(text);
    m_switch->setVisible(layout == Layout::Pinyin && m_engine);
    m_switch->setText(layout == Layout::Pinyin && !m_latinInPinyin ? tr("Pinyin") : tr("ABC"));
    for (QPushButton* b : std::as_const(m_latinExtras))
        b->setVisible(layout == Layout::Latin || (layout == Layout::Pinyin && m_latinInPinyin));
    m_note->setVisible(!m_engine && text);
    refreshCandidates();
}

void OnScreenKeyboard::toggleLatin()
{
    if (m_layout != Layout::Pinyin)
        return;
    if (m_engine && m_engine->composition().isComposing())
        commit(m_engine->commitLetters());
    m_latinInPinyin = !m_latinInPinyin;
    showLayout(Layout::Pinyin);
}

void OnScreenKeyboard::keyPressed(const QString& key)
{
    if (!m_target)
        return;
    const bool composing = m_layout == Layout::Pinyin && !m_latinInPinyin && m_engine;
    if (composing && key.size() == 1 && key.at(0).isLetter()) {
        m_engine->typeLetter(key.at(0));
        refreshCandidates();
        return;
    }
    if (composing && key == QLatin1String(" ") && m_engine->composition().isComposing()) {
        candidateChosen(0);
        return;
    }
    if (composing && m_engine->composition().isComposing())
        commit(m_engine->select(0)); // a digit or a sign after pinyin: the best candidate first
    commit(key);
}

void OnScreenKeyboard::candidateChosen(int index)
{
    if (!m_engine || !m_target)
        return;
    const QString text = m_engine->select(index);
    if (!text.isEmpty())
        commit(text);
    refreshCandidates();
}

void OnScreenKeyboard::backspace()
{
    if (!m_target)
        return;
    if (m_engine && m_engine->backspace()) {
        refreshCandidates();
        return;
    }
    sendKey(Qt::Key_Backspace);
}

void OnScreenKeyboard::enter()
{
    if (!m_target)
        return;
    if (m_engine && m_engine->composition().isComposing()) {
        commit(m_engine->commitLetters());
        refreshCandidates();
        return;
    }
    sendKey(Qt::Key_Return);
}

void OnScreenKeyboard::commit(const QString& text)
{
    if (!m_target || text.isEmpty())
        return;
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(m_target, &event);
}

void OnScreenKeyboard::sendPreedit(const QString& preedit)
{
    if (!m_target)
        return;
    QTextCharFormat format;
    format.setFontUnderline(true);
    QInputMethodEvent event(preedit,
        {QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat, 0, int(preedit.size()), format)});
    QCoreApplication::sendEvent(m_target, &event);
}

void OnScreenKeyboard::sendKey(int key)
{
    if (!m_target)
        return;
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QCoreApplication::sendEvent(m_target, &press);
    if (!m_target)
        return; // Return may have moved on to another page
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier);
    QCoreApplication::sendEvent(m_target, &release);
}

void OnScreenKeyboard::refreshCandidates()
{
    const input::PinyinComposition c = m_engine ? m_engine->composition() : input::PinyinComposition {};
    const bool pinyin = m_layout == Layout::Pinyin && m_engine;
    m_preedit->setText(c.preedit);
    m_preedit->setVisible(pinyin);
    for (int i = 0; i < m_candidates.size(); ++i) {
        QPushButton* b = m_candidates.at(i);
        const bool has = i < c.candidates.size();
        b->setText(has ? c.candidates.at(i) : QString());
        b->setAccessibleName(has ? c.candidates.at(i) : tr("Candidate %1").arg(i + 1));
        b->setEnabled(has);
        b->setVisible(pinyin && has);
    }
    m_previousPage->setVisible(pinyin && c.isComposing());
    m_nextPage->setVisible(pinyin && c.isComposing());
    m_previousPage->setEnabled(c.isComposing() && c.page > 0);
    m_nextPage->setEnabled(c.isComposing() && !c.lastPage);
    if (pinyin)
        sendPreedit(c.preedit);
}

} // namespace certdesk::ui
