#pragma once

#include "wizard/ApplicationPage.h"

class QComboBox;
class QLabel;
class QRadioButton;

namespace certdesk::ui {

class FormField;

// 邮寄信息: province / city / county cascade from the GB/T 2260 region model, and the street address where
// the new UKey is mailed (the invoice is electronic only, 电子发票, sent by SMS and e-mail).
class MailingPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit MailingPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;
    void showExtraError(const QString& apiPath, const QString& message) override;

private:
    void fill(QComboBox* box, const QString& parentCode, const QString& current);

    QComboBox* m_province;
    QComboBox* m_city;
    QComboBox* m_county;
    QLabel* m_regionError;
    FormField* m_address;
};

// 发票信息: 无需发票 or 电子发票.
class InvoicePage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit InvoicePage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    QRadioButton* m_none;
    QRadioButton* m_electronic;
};

} // namespace certdesk::ui
