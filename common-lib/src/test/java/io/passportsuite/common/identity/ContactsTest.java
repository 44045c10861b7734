package io.passportsuite.common.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactsTest {

    @Test
    void shouldWritePhoneNumbersInE164WhateverTheSeparatorsOrInternationalPrefix() {
        assertThat(Contacts.phone("+86 138 0013 8000")).contains("+8613800138000");
        assertThat(Contacts.phone("+86-138-0013-8000")).contains("+8613800138000");
        assertThat(Contacts.phone("0086138.0013.8000")).contains("+8613800138000");
        assertThat(Contacts.phone("(+86) 13800138000")).contains("+8613800138000");
    }

    @Test
    void shouldRejectPhoneNumbersThatAreNotE164() {
        assertThat(Contacts.phone("13800138000")).isEmpty();
        assertThat(Contacts.phone("+0123456789")).isEmpty();
        assertThat(Contacts.phone("+1234567")).isEmpty();
        assertThat(Contacts.phone("+1234567890123456")).isEmpty();
        assertThat(Contacts.phone("+86 138 abc")).isEmpty();
        assertThat(Contacts.phone("+8613800138000" + " ".repeat(30))).isEmpty();
        assertThat(Contacts.phone(null)).isEmpty();
    }

    @Test
    void shouldTrimEmailsAndLowerTheirDomainOnly() {
        assertThat(Contacts.email("  Alice@Example.COM ")).contains("Alice@example.com");
        assertThat(Contacts.email("a..b@example.com")).isEmpty();
        assertThat(Contacts.email(".a@example.com")).isEmpty();
        assertThat(Contacts.email("a.@example.com")).isEmpty();
        assertThat(Contacts.email("no-at-sign")).isEmpty();
        assertThat(Contacts.email("a@" + "b".repeat(250) + ".com")).isEmpty();
        assertThat(Contacts.email(null)).isEmpty();
    }

    @Test
    void shouldGiveEverySpellingOfOnePhoneNumberTheSameAccountKey() {
        assertThat(Contacts.accountKey("+86 138 0013 8000"))
                .isEqualTo(Contacts.accountKey("+86-138-0013-8000"))
                .isEqualTo(Contacts.accountKey("0086138 0013 8000"))
                .isEqualTo(Contacts.accountKey(" (+86)13800138000 "))
                .isEqualTo("+8613800138000");
    }

    @Test
    void shouldCompareEmailsAndUsernamesWithoutCase() {
        assertThat(Contacts.accountKey("  Alice@Example.COM ")).isEqualTo(Contacts.accountKey("alice@example.com"))
                .isEqualTo("alice@example.com");
        assertThat(Contacts.accountKey(" Alice ")).isEqualTo("alice");
    }

    @Test
    void shouldKeepDifferentAccountsApart() {
        assertThat(Contacts.accountKey("+8613800138000")).isNotEqualTo(Contacts.accountKey("+8613800138001"));
        assertThat(Contacts.accountKey("alice@example.com")).isNotEqualTo(Contacts.accountKey("alice@example.org"));
    }

    @Test
    void shouldTrimAndLowerWhatIsNeitherAValidEmailNorAValidPhone() {
        assertThat(Contacts.accountKey("  Bad..Address@X ")).isEqualTo("bad..address@x");
        assertThat(Contacts.accountKey("+86 ABC")).isEqualTo("+86 abc");
    }
}
