#pragma once

#include <QWidget>

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
    [[nodiscard]] QString error() const { return m_errorText; }
    void setError(const QString& message);
    void clearError() { setError({}); }
    [[nodiscard]] bool isRequired() const { return m_required; }
    // A longer note shown under the field (the guide's 温馨提示), besides the short placeholder hint.
    void setNote(const QString& note);

Q_SIGNALS:
    // The person changed the text (not emitted by setText()).
    void edited(const QString& text);
    // Focus left the field or Return was pressed.
    void editingFinished();

private:
    void updateAccessibility();

    QString m_apiPath;
    QString m_hintText;
    QString m_errorText;
    bool m_required;
    QLabel* m_label;
    QLineEdit* m_edit;
    QLabel* m_hint;
    QLabel* m_error;
};

} // namespace certdesk::ui
