// Sign-in page: the product's name, who it is for, the login form and the language switch.
import { Box, Card, CardContent, Typography } from '@mui/material';
import { LocalesMenuButton, LoginForm, useCheckAuth, useNavigate, useTranslate } from 'react-admin';
import { useEffect } from 'react';

export const LoginPage = () => {
  const translate = useTranslate();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  useEffect(() => {
    // Already signed in (e.g. another tab): go straight to the app.
    checkAuth({}, false).then(() => navigate('/')).catch(() => undefined);
  }, [checkAuth, navigate]);
  return (
    <Box sx={{
      minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'flex-start',
      background: 'linear-gradient(180deg, #1f4e79 0%, #2d6aa3 45%, #eef2f6 45%)',
    }}>
      <Box sx={{ alignSelf: 'flex-end', p: 1, color: 'common.white' }}>
        <LocalesMenuButton />
      </Box>
      <Box sx={{ color: 'common.white', textAlign: 'center', mt: { xs: 2, sm: 6 }, mb: 3, px: 2 }}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>{translate('rexian.app.title')}</Typography>
        <Typography variant="subtitle1" sx={{ opacity: 0.9, mt: 1 }}>{translate('rexian.app.subtitle')}</Typography>
      </Box>
      <Card sx={{ width: 360, maxWidth: '92vw' }} elevation={3}>
        <CardContent sx={{ pb: 0 }}>
          <Typography variant="h6" component="h2" sx={{ textAlign: 'center' }}>{translate('ra.auth.sign_in')}</Typography>
        </CardContent>
        <LoginForm />
      </Card>
      <Typography variant="caption" sx={{ mt: 3, color: 'text.secondary' }}>{translate('rexian.app.org')}</Typography>
    </Box>
  );
};
