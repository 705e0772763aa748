#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;

namespace certdesk::ui {

// One form field: label with required mark, input, hint and inline error text, with the accessible name and
// description kept in step so screen readers announce the error too. `apiPath` ("agent.id_number") routes
// server-side 422 errors to the field.
class FormField : public QWidget
{
    Q_OBJECT
public:
    FormField(const QString& apiPath, const QString& label, const QString& hint, bool required,
        QWidget* parent = nullptr);

    [[nodiscard]] QString apiPath() const { return m_apiPath; }
    [[nodiscard]] QLineEdit* lineEdit() const { return m_edit; }
    [[nodiscard]] QString text() const;
    void setText(const QString& text);
    // Puts `text` in as if the person had typed it and left the field (a value read from an ID card):
    // emits edited() and editingFinished(), so it is saved and checked at once.
    void fill(const QString& text);
    [[nodiscard]] QString error() const { return m_errorText; }
    // Shows `message` under the field; with a `helpTopic` a link to that help topic follows it (e.g. the
    // telecom real-name FAQ right where a realname_mismatch appears).
    void setError(const QString& message, const QString& helpTopic = {});
    void clearError() { setError({}); }
    [[nodiscard]] bool isRequired() const { return m_required; }
    // A widget (e.g. a 查询 button) placed right of the input, on the same line.
    void addTrailingWidget(QWidget* widget);
    // A longer note shown under the field (the guide's 温馨提示), besides the short placeholder hint.
    void setNote(const QString& note);

Q_SIGNALS:
    // The person changed the text (not emitted by setText()).
    void edited(const QString& text);
    // Focus left the field or Return was pressed.
    void editingFinished();
    void helpRequested(const QString& topic);

private:
    void updateAccessibility();

    QString m_apiPath;
    QString m_hintText;
    QString m_errorText;
    bool m_required;
    QLabel* m_label;
    QLineEdit* m_edit;
    QHBoxLayout* m_inputRow;
    QLabel* m_hint;
    QLabel* m_error;
};

} // namespace certdesk::ui
