import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, testMember as get } from '../../../test-support/test-fixtures';
import { MemberDetail } from './member-detail';

const now = FIXTURE_NOW;

function field(label: string) {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling as HTMLElement;
}

describe('MemberDetail', () => {
  it('shows who the member is and where they stand', () => {
    render(<MemberDetail member={get('mber_demoAvaChen')} now={now} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Ava Chen' })).toBeInTheDocument();
    expect(screen.getByText('@avachen')).toBeInTheDocument();
    const standing = screen.getByRole('group', { name: 'Standing' });
    expect(standing).toHaveTextContent('Access level:Customer');
    expect(standing).toHaveTextContent('Status:Joined');
    expect(screen.getByText('Paid subscriber')).toBeInTheDocument();
    expect(screen.getByText('$1,234.50')).toBeInTheDocument();
    expect(field('Token balance')).toHaveTextContent('250');
    expect(field('Email')).toHaveTextContent('ava.chen@example.com');
    expect(field('Phone')).toHaveTextContent('+14155550142');
    expect(field('Member id')).toHaveTextContent('mber_demoAvaChen');
    expect(field('User id')).toHaveTextContent('user_demoAva');
    expect(field('Company')).toHaveTextContent('Northwind Trading Club /northwind');
    expect(field('Most recent action').parentElement).toHaveTextContent('(2 hours ago)');
  });

  it('shows explicit placeholders for a member without a user, never blank or "null"', () => {
    const { container } = render(<MemberDetail member={get('mber_demoNoUser')} now={now} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Member without a user account');
    for (const label of ['Email', 'Phone', 'Username', 'Name', 'User id']) {
      expect(field(label)).toHaveTextContent('Not provided');
    }
    expect(container.textContent).not.toMatch(/null|undefined|NaN|Invalid Date/);
  });

  it('falls back to @username when the name is null', () => {
    render(<MemberDetail member={get('mber_demoNoName')} now={now} />);
    expect(screen.getByRole('heading', { level: 1, name: '@quietfox' })).toBeInTheDocument();
  });

  it('says "None yet" when there is no most recent action', () => {
    render(<MemberDetail member={get('mber_demoNoAction')} now={now} />);
    expect(within(field('Most recent action')).getByText('None yet')).toBeInTheDocument();
  });

  it('shows markup in a name as text', () => {
    const member = get('mber_demoMarkup');
    const { container } = render(<MemberDetail member={member} now={now} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(member.user!.name!);
    expect(container.querySelector('img')).toBeNull();
  });

  it('renders undocumented enum values neutrally with their text', () => {
    render(<MemberDetail member={get('mber_demoFuture')} now={now} />);
    expect(screen.getByText('Vip guest')).toBeInTheDocument();
    expect(screen.getByText('Suspended')).toBeInTheDocument();
    expect(screen.getByText('Upgraded')).toBeInTheDocument();
  });
});
