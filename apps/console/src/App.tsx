import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { SessionExpiredDialog } from './auth/SessionExpiredDialog';
import { hasRole, useSession } from './auth/session';
import { useI18n } from './i18n/i18n';
import { LoginPage } from './pages/LoginPage';
import { useReducedMotion } from './reduced-motion';
import { STILL_THEME, THEME } from './theme';

/** A page whose code loads when it is first opened (its own chunk of the build), from a module's named export. */
function lazyPage<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

/** A radio station's own page (its key, not an operator's session); loaded only there. */
const StationPage = lazyPage(() => import('./station/StationPage'), 'StationPage');

/** A portal webmaster's page (the portal's key); loaded only there. */
const PortalPage = lazyPage(() => import('./portal/PortalPage'), 'PortalPage');

/** A carrier partner's page (its API key, signed requests); loaded only there. */
const CarrierPage = lazyPage(() => import('./carrier/CarrierPage'), 'CarrierPage');

/** Administration is for a few people: its code loads when an admin opens it. */
const AdminPage = lazyPage(() => import('./pages/AdminPage'), 'AdminPage');

/*
 * The operators' pages load as they are opened, so that the first load — the sign-in page, or a station's page on
 * a phone over a rural link — carries only the shell, and not every form and table of the console.
 */
const CampaignListPage = lazyPage(() => import('./pages/CampaignListPage'), 'CampaignListPage');
const NewCampaignPage = lazyPage(() => import('./pages/NewCampaignPage'), 'NewCampaignPage');
const CampaignPage = lazyPage(() => import('./pages/CampaignPage'), 'CampaignPage');
const EditCampaignPage = lazyPage(() => import('./pages/EditCampaignPage'), 'EditCampaignPage');
const ApprovalsPage = lazyPage(() => import('./pages/ApprovalsPage'), 'ApprovalsPage');
const DirectivesPage = lazyPage(() => import('./pages/DirectivesPage'), 'DirectivesPage');

export function App() {
  const { lang } = useI18n();
  const still = useReducedMotion();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : viVN} theme={still ? STILL_THEME : THEME}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { user, checking, logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // A new page opens at its top, as a browser does between documents (not where the last page was scrolled to).
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  if (location.pathname === '/station' || location.pathname.startsWith('/station/'))
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <StationPage />
      </Suspense>
    );
  if (location.pathname === '/carrier' || location.pathname.startsWith('/carrier/'))
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <CarrierPage />
      </Suspense>
    );
  if (location.pathname === '/portal' || location.pathname.startsWith('/portal/'))
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <PortalPage />
      </Suspense>
    );
  if (checking) return <Spin fullscreen tip={t('common.loading')} />;
  if (!user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />}
        />
      </Routes>
    );
  }

  const items = [
    { key: '/campaigns', label: t('nav.campaigns') },
    ...(hasRole(user, 'editor') ? [{ key: '/campaigns/new', label: t('nav.new') }] : []),
    ...(hasRole(user, 'approver') ? [{ key: '/approvals', label: t('nav.approvals') }] : []),
    { key: '/directives', label: t('nav.directives') },
    ...(user.role === 'admin' ? [{ key: '/admin', label: t('nav.admin') }] : []),
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <span style={{ color: '#fff' }} data-testid="whoami">
            {user.displayName} <Tag>{t(`role.${user.role}`)}</Tag>
          </span>
          <Button size="small" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('lang.switch')}
          </Button>
          <Button size="small" onClick={() => void logout().then(() => navigate('/login'))}>
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Suspense fallback={<Spin />}>
          <Routes>
            <Route path="/" element={<Navigate to="/campaigns" replace />} />
            <Route path="/login" element={<AfterSignIn />} />
            <Route path="/campaigns" element={<CampaignListPage />} />
            <Route path="/campaigns/new" element={<NewCampaignPage />} />
            <Route path="/campaigns/:id" element={<CampaignPage />} />
            <Route path="/campaigns/:id/edit" element={<EditCampaignPage />} />
            <Route path="/approvals" element={<ApprovalsPage />} />
            <Route path="/directives" element={<DirectivesPage />} />
            {user.role === 'admin' && <Route path="/admin" element={<AdminPage />} />}
            <Route path="*" element={<Navigate to="/campaigns" replace />} />
          </Routes>
        </Suspense>
      </Layout.Content>
      <SessionExpiredDialog />
    </Layout>
  );
}

/** Signed in at /login: on to the page that asked for a sign-in (with its filters), else the campaign list. */
function AfterSignIn() {
  const from = (useLocation().state as { from?: string } | null)?.from;
  return <Navigate to={from && !from.startsWith('/login') ? from : '/campaigns'} replace />;
}
